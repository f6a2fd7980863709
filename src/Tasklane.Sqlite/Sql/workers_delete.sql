DELETE FROM workers WHERE identifier IN (SELECT value FROM json_each(@identifiers));
