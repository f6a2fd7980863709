-- The tags and links of new tasks: @tags is a JSON array of [task_id, tag], @links of [task_id, position, type, id].
INSERT INTO task_tags (tag, task_id)
SELECT json_extract(value, '$[1]'), json_extract(value, '$[0]') FROM json_each(@tags);
INSERT INTO task_links (task_id, position, link_type, link_id)
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]')
FROM json_each(@links);
