-- Cancelling a parent: its running subtasks are asked to stop and its pending ones end cancelled (their ids are
-- returned for the log). The subtasks are locked in id order first, as every multi-row write does.
WITH kids AS (
  SELECT id
  FROM tasks
  WHERE parent_id = @id AND status IN ('pending', 'running') AND deleted_at IS NULL
  ORDER BY id
  FOR NO KEY UPDATE
), changed AS (
  UPDATE tasks t
  SET status = CASE WHEN t.status = 'pending' THEN 'cancelled' ELSE t.status END,
      cancel_requested = CASE WHEN t.status = 'running' THEN true ELSE t.cancel_requested END,
      ended_at = CASE WHEN t.status = 'pending' THEN @now ELSE t.ended_at END,
      updated_at = @now
  FROM kids
  WHERE t.id = kids.id
    AND t.status IN ('pending', 'running')
  RETURNING t.id, t.status
)
SELECT id FROM changed WHERE status = 'cancelled' ORDER BY id;
