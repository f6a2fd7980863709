-- Delivered to the listeners of the channel when the transaction commits.
SELECT pg_notify(@channel::text, @payload::text);
