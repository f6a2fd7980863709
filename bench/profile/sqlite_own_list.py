#!/usr/bin/env python3
"""One creator's list on SQLite: the page and capped count of GET /api/tasks as a user who sees only their own tasks,
with each filter of the bench, on two copies of one seeded file, interleaved (before, after, after, before, ...).

Usage: bench/profile/sqlite_own_list.py BEFORE.db AFTER.db CREATOR_ID [ROUNDS]
  BEFORE.db: a file at schema 0010 or 0011 (ix_tasks_list_creator on (created_by_id, id));
  AFTER.db: the same file with migration 0012's ix_tasks_list_creator (holds worker, action, queue, created_at, name).
A seeded file comes from the bench: run its serve child with --keep-store, e.g.
  dotnet bench/Tasklane.Bench/bin/Release/net10.0/Tasklane.Bench.dll --child tasklane-sqlite serve --quick \
    --dir /tmp/seed --list-size 1000000 --keep-store
then copy the file and apply 0012's two statements to the copy. AFTER uses the TaskList/own/ fragments (+column).
Prints ms per page+count, the median of the rounds, and the plan's index for each side. Python's sqlite3 is not the
SQLite the store bundles; read the ratio, not the absolute figure.
"""
import sqlite3
import statistics
import sys
import time

FILTERS = {
    'worker': ("AND worker = 'report'", "AND +worker = 'report'"),
    'action': ("AND worker = 'report' AND action = 'export'", "AND +worker = 'report' AND +action = 'export'"),
    'queue': ("AND queue = 'emails'", "AND +queue = 'emails'"),
    'created-range': ("AND created_at >= {lo} AND created_at <= {hi}", "AND +created_at >= {lo} AND +created_at <= {hi}"),
    'user': ("AND created_by_name LIKE '%oper%' ESCAPE '\\'", "AND created_by_name LIKE '%oper%' ESCAPE '\\'"),
}


def statements(creator, fragment, by_creation):
    where = f"deleted_at IS NULL {fragment} AND created_by_id = {creator} AND parent_id IS NULL"
    order = "created_at DESC, id DESC" if by_creation else "id DESC"
    page = f"SELECT * FROM tasks WHERE id IN (SELECT id FROM tasks WHERE {where} ORDER BY {order} LIMIT 50 OFFSET 0) ORDER BY {order}"
    count = f"SELECT COUNT(*) FROM (SELECT 1 FROM tasks WHERE {where} LIMIT 10001)"
    return page, count


def run(connection, sqls):
    start = time.perf_counter()
    for sql in sqls:
        connection.execute(sql).fetchall()
    return (time.perf_counter() - start) * 1000


def main():
    before_path, after_path, creator = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    sides = {'before': sqlite3.connect(before_path), 'after': sqlite3.connect(after_path)}
    lo, hi = sides['before'].execute("SELECT min(created_at), min(created_at) + 86400000 FROM tasks").fetchone()
    print(f"{'filter':<15} {'before ms':>10} {'after ms':>10}  plans (before | after)")
    for name, (old, new) in FILTERS.items():
        texts = {'before': statements(creator, old.format(lo=lo, hi=hi), name == 'created-range'),
                 'after': statements(creator, new.format(lo=lo, hi=hi), name == 'created-range')}
        times = {'before': [], 'after': []}
        for side in ('before', 'after'):
            run(sides[side], texts[side])  # warm the cache
        for i in range(rounds):
            for side in (('before', 'after') if i % 2 == 0 else ('after', 'before')):
                times[side].append(run(sides[side], texts[side]))
        plans = []
        for side in ('before', 'after'):
            steps = [row[3] for row in sides[side].execute("EXPLAIN QUERY PLAN " + texts[side][1])]
            plans.append(next((s for s in steps if 'INDEX' in s), steps[0]))
        print(f"{name:<15} {statistics.median(times['before']):>10.1f} {statistics.median(times['after']):>10.1f}  {plans[0]} | {plans[1]}")


if __name__ == '__main__':
    main()
