DELETE FROM tasks WHERE id = ANY (@ids::bigint[]);
