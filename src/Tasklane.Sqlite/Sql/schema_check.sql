-- Run first in each write transaction: a statement on the schema table checks this connection's copy of the schema
-- against the file and reloads it when another connection changed it. Without it, SQLite 3.53 (the bundled one) could
-- find the copy stale in the middle of preparing an insert or delete on tasks (when a trigger's FTS5 table was first
-- connected, which reads the file), drop it there, and fail the statement with "no such table: tasks".
SELECT 1 FROM sqlite_schema LIMIT 0;
