DELETE FROM audit_log WHERE at < @before;
