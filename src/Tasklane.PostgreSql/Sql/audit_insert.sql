INSERT INTO audit_log (at, actor_id, actor_name, ip, action, target_type, target_id, details)
VALUES (@at, @actor_id::bigint, @actor_name::text, @ip::text, @action, @target_type::text, @target_id::text, @details::jsonb);
