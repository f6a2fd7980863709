-- A bulk action's next chunk: the ids of at most @chunk matching live tasks below @before_id, highest first (the
-- list's filters, so a bulk call by filter acts on exactly the tasks the list shows).
SELECT id
FROM tasks
WHERE deleted_at IS NULL{filters}
  AND id < @before_id
ORDER BY id DESC
LIMIT @chunk;
