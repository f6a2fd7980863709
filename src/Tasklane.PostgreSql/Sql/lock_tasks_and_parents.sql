-- Locks the rows a batch will write and the parents it will recompute, in id order (a parent's id is lower than its
-- subtasks'), so concurrent batches and transitions never deadlock.
SELECT id
FROM tasks
WHERE id = ANY (@ids::bigint[])
   OR id IN (SELECT parent_id FROM tasks WHERE id = ANY (@ids::bigint[]) AND parent_id IS NOT NULL)
ORDER BY id
FOR NO KEY UPDATE;
