-- Points the application's own transaction at the store's schema for Tasklane's statements, until transaction_leave;
-- returns the search_path to put back (SET LOCAL: the transaction's end puts it back too).
WITH old AS MATERIALIZED (SELECT current_setting('search_path') AS search_path)
SELECT search_path, set_config('search_path', @schema::text, true)
FROM old;
