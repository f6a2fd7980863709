-- Run on every opened connection: wait for a lock up to 5 s, enforce foreign keys.
PRAGMA busy_timeout = 5000;
PRAGMA foreign_keys = ON;
