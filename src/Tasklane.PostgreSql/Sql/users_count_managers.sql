-- Enabled users other than @except_id whose role can manage users.
SELECT COUNT(*) FROM users WHERE id <> @except_id AND NOT disabled AND role = ANY (@roles::text[]);
