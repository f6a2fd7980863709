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

Search: bench/profile/sqlite_own_list.py search BEFORE_SQL BEFORE.db AFTER_SQL AFTER.db CREATOR ROUNDS WORD...
  the page and the capped count of search=WORD as an admin and as CREATOR, each side's statements assembled from its
  Sql folder (BEFORE_SQL of a commit: git archive COMMIT src/Tasklane.Sqlite/Sql | tar -x -C DIR), interleaved; prints
  ms per statement (median of ROUNDS after one warm-up round), the capped total, and whether both sides return the same
  rows; PLANS=1 prints the plans too.
"""
import os
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


# --- search: the list's search, page and capped count, assembled from two Sql folders as TaskListSql does ---------

def fragment_path(folder, name, own):
    path = os.path.join(folder, 'TaskList', 'own', name + '.sql')
    return path if own and os.path.exists(path) else os.path.join(folder, 'TaskList', name + '.sql')


def fragment(folder, name, own):
    text = open(fragment_path(folder, name, own)).read()
    return '\n'.join(l for l in text.splitlines() if not l.strip().startswith('--')).strip()


def search_statements(folder, word, creator):
    """TaskListSql.For(new TaskQuery { Search = word, VisibleTo = creator }): (page, count, parameters)."""
    own = creator is not None
    filters = ('\n' + fragment(folder, 'visible_to', own) if own else '') + '\n' + fragment(folder, 'top_level', own)
    name = 'search' if len(word) >= 3 else 'search_short'
    search = fragment(folder, name, own)
    search_page = fragment(folder, name + '_page', own) if os.path.exists(fragment_path(folder, name + '_page', own)) else search
    order = fragment(folder, 'order_id', own)

    def fill(text, bound):
        return '\n' + text.replace('{filters}', filters).replace('{order}', order).replace('{bound}', bound)
    page = fragment(folder, 'page', own).replace('{filters}', filters + fill(search_page, '@limit + @offset')).replace('{order}', order)
    count = fragment(folder, 'count', own).replace('{filters}', filters + fill(search, '@count_limit'))
    escaped = word.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')
    values = dict(search_id=int(word) if word.isdigit() else None, search_like='%' + escaped + '%',
                  search_match='"' + word.replace('"', '""') + '"', visible_to=creator, limit=50, offset=0, count_limit=10001)
    return page.rstrip(';'), count.rstrip(';'), values


def timed(connection, sql, values):
    start = time.perf_counter()
    rows = connection.execute(sql, values).fetchall()
    return (time.perf_counter() - start) * 1000, rows


def search_main(args):
    """search BEFORE_SQL BEFORE.db AFTER_SQL AFTER.db CREATOR ROUNDS WORD...: ms of page and count, before and after."""
    sides = {'before': (args[0], sqlite3.connect(args[1])), 'after': (args[2], sqlite3.connect(args[3]))}
    creator, rounds, words = int(args[4]), int(args[5]), args[6:]
    print(f"{'word':<12} {'who':<6} {'before page':>11} {'count':>8} {'after page':>11} {'count':>8}  total  (ms, median of {rounds})")
    for word in words:
        for who, visible in (('admin', None), ('user', creator)):
            texts = {side: search_statements(folder, word, visible) for side, (folder, _) in sides.items()}
            times = {(side, part): [] for side in sides for part in (0, 1)}
            results = {}
            for i in range(rounds + 1):
                for side in (('before', 'after') if i % 2 == 0 else ('after', 'before')):
                    connection = sides[side][1]
                    page, count, values = texts[side]
                    for part, sql in enumerate((page, count)):
                        ms, rows = timed(connection, sql, values)
                        if i > 0: times[(side, part)].append(ms)  # round 0 warms the cache
                        results[(side, part)] = [tuple(r)[0] for r in rows]
            same = results[('before', 0)] == results[('after', 0)] and results[('before', 1)] == results[('after', 1)]
            m = {k: statistics.median(v) for k, v in times.items()}
            print(f"{word:<12} {who:<6} {m[('before', 0)]:>11.1f} {m[('before', 1)]:>8.1f} {m[('after', 0)]:>11.1f} {m[('after', 1)]:>8.1f}"
                  f"  {results[('after', 1)][0]}{'' if same else '  RESULTS DIFFER'}")
            if os.environ.get('PLANS'):
                for side in sides:
                    for part, name in ((0, 'page'), (1, 'count')):
                        print(f'   {side} {name}:')
                        for row in sides[side][1].execute('EXPLAIN QUERY PLAN ' + texts[side][part], texts[side][2]):
                            print('      ', row[3])


if __name__ == '__main__':
    search_main(sys.argv[2:]) if sys.argv[1:2] == ['search'] else main()
