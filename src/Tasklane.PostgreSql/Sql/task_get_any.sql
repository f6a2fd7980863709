-- Also a soft-deleted task: the row as a transition left it.
SELECT * FROM tasks WHERE id = @id;
