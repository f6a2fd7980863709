-- Persistent in the file: readers never block the writer, nor the writer the readers.
PRAGMA journal_mode = WAL;
