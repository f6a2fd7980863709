-- Tasklane SQLite schema, version 7: the W3C trace context (traceparent, then a space and the tracestate when there
-- is one) of the code that created a task, so that its execution links to that trace after a restart and on any
-- node. Read only by a claim; NULL when the creator had no current activity.
ALTER TABLE tasks ADD COLUMN trace_context TEXT;
