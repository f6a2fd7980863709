-- The tags and links of new tasks: @tags is a JSON array of [task_id, tag], @links of [task_id, position, type, id].
WITH tagged AS (
  INSERT INTO task_tags (tag, task_id)
  SELECT e ->> 1, (e ->> 0)::bigint FROM json_array_elements(@tags::json) AS e
)
INSERT INTO task_links (task_id, position, link_type, link_id)
SELECT (e ->> 0)::bigint, (e ->> 1)::integer, e ->> 2, e ->> 3 FROM json_array_elements(@links::json) AS e;
