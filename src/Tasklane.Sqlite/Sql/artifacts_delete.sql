-- Removes artifacts by file key (@file_keys: a JSON array); unknown keys are ignored.
DELETE FROM artifact_contents WHERE file_key IN (SELECT value FROM json_each(@file_keys));
