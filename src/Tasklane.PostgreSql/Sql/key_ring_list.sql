-- Every element of Tasklane's key ring, oldest first.
SELECT xml FROM key_ring_elements ORDER BY created_at, name;
