-- Adds an element of the key ring; an element of that name already kept is left as it is.
INSERT INTO key_ring_elements (name, xml, created_at) VALUES (@name, @xml, @now)
ON CONFLICT (name) DO NOTHING;
