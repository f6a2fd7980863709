-- {schema} is replaced by the validated schema name (an identifier cannot be a parameter).
CREATE SCHEMA IF NOT EXISTS "{schema}";
CREATE TABLE IF NOT EXISTS "{schema}".schema_migrations (
  version    integer     PRIMARY KEY,
  name       text        NOT NULL,
  applied_at timestamptz NOT NULL
);
SELECT version FROM "{schema}".schema_migrations ORDER BY version;
