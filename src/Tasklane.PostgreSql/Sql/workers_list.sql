SELECT w.identifier, w.title, w.scope, w.description, w.icon, w.actions::text AS actions, w.active, w.settings,
       w.created_at, w.updated_at,
       (SELECT count(*) FROM tasks t WHERE t.worker = w.identifier AND t.deleted_at IS NULL) AS task_count
FROM workers w
WHERE (@identifier::text IS NULL OR w.identifier = @identifier::text)
ORDER BY w.identifier;
