-- Enabled users other than @except_id whose role can manage users.
SELECT COUNT(*) FROM users WHERE id <> @except_id AND disabled = 0 AND role IN (SELECT value FROM json_each(@roles));
