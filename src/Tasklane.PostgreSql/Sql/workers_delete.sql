DELETE FROM workers WHERE identifier = ANY (@identifiers::text[]);
