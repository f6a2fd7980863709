INSERT INTO audit_log (at, actor_id, actor_name, ip, action, target_type, target_id, details)
VALUES (@at, @actor_id, @actor_name, @ip, @action, @target_type, @target_id, @details);
