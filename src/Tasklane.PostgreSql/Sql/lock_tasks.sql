-- Locks the rows a batch will write, in id order, so concurrent batches never deadlock.
SELECT id FROM tasks WHERE id = ANY (@ids::bigint[]) ORDER BY id FOR NO KEY UPDATE;
