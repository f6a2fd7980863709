-- Tasklane PostgreSQL schema, version 8: tags, links, clones, run history and search over data.
-- 1. tags, links and cloned_from on the task row (tags and links as JSON array text, NULL when none: what a read
--    returns), and the same tags and links in two child tables with indexes, so that the tag= and object filters of a
--    list are index lookups. Both are written once, when the task is created (a task's tags and links never change),
--    and go with the task (ON DELETE CASCADE). The first link is the task's object_type/object_id. Nullable columns
--    without a default are added without rewriting the table.
-- 2. A list index by schedule_id: a schedule's run history.
-- 3. task_search_data: the data of each task as text, with a trigram (pg_trgm) GIN index when pg_trgm is there (see
--    version 4), filled by a statement trigger when tasks are inserted and emptied with them. Not an index on
--    tasks.data: an update of a task that is not HOT (a status change touches indexed columns) adds an entry to every
--    index of the row, so a GIN index there would be paid at every transition. Data never changes, so this copy is
--    written once. The error text is searched on the failed tasks only, through the status index (no index of its own).

ALTER TABLE tasks ADD COLUMN tags text;
ALTER TABLE tasks ADD COLUMN links text;
ALTER TABLE tasks ADD COLUMN cloned_from bigint;

CREATE TABLE task_tags (
  tag     text   NOT NULL,
  task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  PRIMARY KEY (tag, task_id)
);
CREATE INDEX ix_task_tags_task ON task_tags (task_id);

CREATE TABLE task_links (
  task_id   bigint  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  position  integer NOT NULL,
  link_type text,
  link_id   text,
  PRIMARY KEY (task_id, position)
);
CREATE INDEX ix_task_links_type_id ON task_links (link_type, link_id, task_id);
CREATE INDEX ix_task_links_id ON task_links (link_id, task_id);

-- Existing tasks: their object becomes their first (and only) link.
INSERT INTO task_links (task_id, position, link_type, link_id)
SELECT id, 0, object_type, object_id FROM tasks WHERE object_type IS NOT NULL OR object_id IS NOT NULL;
UPDATE tasks SET links = json_build_array(json_build_object('type', object_type, 'id', object_id))::text
WHERE object_type IS NOT NULL OR object_id IS NOT NULL;

CREATE INDEX ix_tasks_list_schedule ON tasks (schedule_id, id) WHERE deleted_at IS NULL AND schedule_id IS NOT NULL;

CREATE TABLE task_search_data (
  task_id bigint PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
  data    text   NOT NULL
);
INSERT INTO task_search_data (task_id, data) SELECT id, data::text FROM tasks WHERE data::text <> '{}';

CREATE FUNCTION tasks_search_data_insert() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO task_search_data (task_id, data) SELECT id, data::text FROM new_rows WHERE data::text <> '{}';
  RETURN NULL;
END
$$;

CREATE TRIGGER trg_tasks_search_data_insert AFTER INSERT ON tasks
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION tasks_search_data_insert();

DO $$
DECLARE
  trgm_schema text;
BEGIN
  SELECT n.nspname INTO trgm_schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'pg_trgm';
  IF trgm_schema IS NOT NULL THEN
    EXECUTE format('CREATE INDEX ix_task_search_data ON task_search_data USING gin (data %I.gin_trgm_ops)', trgm_schema);
  END IF;
END
$$;
