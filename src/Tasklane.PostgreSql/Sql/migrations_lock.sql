-- Serialises the migrations of one schema across nodes until the transaction ends.
-- 7316 is Tasklane's advisory lock class; the second key is the schema.
SELECT pg_advisory_xact_lock(7316, hashtext(@schema::text));
