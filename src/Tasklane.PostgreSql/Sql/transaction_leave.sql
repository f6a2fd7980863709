-- After Tasklane's statements in the application's transaction: a wake-up for every node's listener, delivered only
-- if that transaction commits (never on rollback), and the application's search_path put back.
SELECT pg_notify(@channel::text, @payload::text), set_config('search_path', @search_path::text, true);
