-- Removes artifacts by file key; unknown keys are ignored.
DELETE FROM artifact_contents WHERE file_key = ANY(@file_keys::text[]);
