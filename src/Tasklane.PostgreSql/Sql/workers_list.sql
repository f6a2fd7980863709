SELECT w.identifier, w.title, w.scope, w.description, w.icon, w.actions::text AS actions, w.active, w.settings,
       w.created_at, w.updated_at,
       coalesce((SELECT sum(c.pending + c.running + c.completed + c.failed + c.cancelled) FROM task_counts c WHERE c.worker = w.identifier), 0)::bigint
       + coalesce((SELECT sum(d.pending + d.running + d.completed + d.failed + d.cancelled) FROM task_counter_deltas d WHERE d.worker = w.identifier), 0)::bigint
         AS task_count
FROM workers w
WHERE (@identifier::text IS NULL OR w.identifier = @identifier::text)
ORDER BY w.identifier;
