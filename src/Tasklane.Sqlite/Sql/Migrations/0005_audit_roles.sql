-- Tasklane SQLite schema, version 5: the audit log, custom roles and per-user extra permissions.
-- audit_log: one row per operator action, written in the transaction of the action; details is a JSON object
-- (secrets masked before it gets here), refused when it is not JSON so a broken entry rolls its action back.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          INTEGER NOT NULL,
  actor_id    INTEGER,
  actor_name  TEXT COLLATE NOCASE,
  ip          TEXT,
  action      TEXT    NOT NULL,
  target_type TEXT,
  target_id   TEXT,
  details     TEXT CHECK (details IS NULL OR json_valid(details))
);

-- Newest first over every filter; retention deletes by time.
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor_name, id);
CREATE INDEX ix_audit_log_action ON audit_log (action, id);
CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id, id);

-- Custom roles beside the built-in ones (which live in code); permissions is a JSON array.
CREATE TABLE roles (
  name        TEXT    PRIMARY KEY,
  permissions TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- Permissions a user holds on top of its role's, a JSON array.
ALTER TABLE users ADD COLUMN permissions TEXT NOT NULL DEFAULT '[]';
CREATE INDEX ix_users_role ON users (role);
