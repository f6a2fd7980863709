-- Tasklane SQLite schema, version 3: subtasks with dependencies.
ALTER TABLE tasks ADD COLUMN name TEXT;
ALTER TABLE tasks ADD COLUMN response_code INTEGER;
ALTER TABLE tasks ADD COLUMN response_message TEXT;
ALTER TABLE tasks ADD COLUMN awaiting_subtasks INTEGER NOT NULL DEFAULT 0;

-- A subtask's name is unique among its siblings, so a re-run parent finds its steps again.
CREATE UNIQUE INDEX ux_tasks_parent_name ON tasks (parent_id, name) WHERE parent_id IS NOT NULL AND name IS NOT NULL;

CREATE TABLE task_dependencies (
  task_id       INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  depends_on_id INTEGER NOT NULL,
  PRIMARY KEY (task_id, depends_on_id)
);
CREATE INDEX ix_task_dependencies_on ON task_dependencies (depends_on_id);
