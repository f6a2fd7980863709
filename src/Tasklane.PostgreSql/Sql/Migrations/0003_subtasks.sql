-- Tasklane PostgreSQL schema, version 3: subtasks with dependencies.
ALTER TABLE tasks ADD COLUMN name text;
ALTER TABLE tasks ADD COLUMN response_code integer;
ALTER TABLE tasks ADD COLUMN response_message text;
ALTER TABLE tasks ADD COLUMN awaiting_subtasks boolean NOT NULL DEFAULT false;

-- A subtask's name is unique among its siblings, so a re-run parent finds its steps again.
CREATE UNIQUE INDEX ux_tasks_parent_name ON tasks (parent_id, name) WHERE parent_id IS NOT NULL AND name IS NOT NULL;

CREATE TABLE task_dependencies (
  task_id       bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  depends_on_id bigint NOT NULL,
  PRIMARY KEY (task_id, depends_on_id)
);
CREATE INDEX ix_task_dependencies_on ON task_dependencies (depends_on_id);
