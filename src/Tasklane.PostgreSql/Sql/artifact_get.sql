-- The bytes of one artifact.
SELECT content FROM artifact_contents WHERE file_key = @file_key;
