-- Upserts every key of the two arrays in one statement.
INSERT INTO settings (key, value)
SELECT key, value FROM unnest(@keys::text[], @values::text[]) AS s (key, value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value;
