-- Locks the rows a batch will write and the parents it will recompute, in id order (a parent's id is lower than its
-- subtasks'), so concurrent batches and transitions never deadlock. The ids are gathered into one array first, so that
-- the rows are found by the primary key: an OR of the two sets would scan the whole table, checking every row against
-- the array.
SELECT id
FROM tasks
WHERE id = ANY (ARRAY(SELECT unnest(@ids::bigint[])
                      UNION
                      SELECT parent_id FROM tasks WHERE id = ANY (@ids::bigint[]) AND parent_id IS NOT NULL))
ORDER BY id
FOR NO KEY UPDATE;
