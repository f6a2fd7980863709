#!/usr/bin/env python3
"""Query plans of Tasklane's SQLite statements under two schemas, side by side.

Builds an empty database from each SQL folder's migrations (the plans do not depend on the rows: the store runs no
ANALYZE), assembles every task list filter as TaskListSql.cs does (alone, with visible_to, with status; count, page
and a bulk chunk) and takes every statement of Sql/*.sql, and prints each statement whose EXPLAIN QUERY PLAN differs.
A line "NEW SCAN" marks a scan of a table or a whole index (not a search of a range) that the first folder's plan
did not have.
Usage: python3 bench/profile/sqlite_query_plans.py BEFORE_SQL_DIR [AFTER_SQL_DIR]
(AFTER defaults to src/Tasklane.Sqlite/Sql; BEFORE of a commit: git archive COMMIT src/Tasklane.Sqlite/Sql |
 tar -x -C plans-before, then plans-before/src/Tasklane.Sqlite/Sql). A scan of a small table of distinct keys (task_counts
 as c, task_actions as a) is expected, and so is a scan of a subquery's own rows (SCAN (subquery-N)).
One creator's own/ fragments are not applied here (bench/profile/sqlite_own_list.py times those).
"""
import os, re, sqlite3, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
FILTERS = {  # TaskListSql.Filters: the fragments and their parameters
    'status': ['status'], 'worker': ['worker'], 'action': ['worker', 'action'], 'queue': ['queue'], 'id': ['id'],
    'range': ['from', 'to'], 'object': ['object'], 'object_type': ['object_type'], 'object_id': ['object_id'],
    'tag': ['tag'], 'schedule_id': ['schedule_id'], 'category': ['category'], 'parent_id': ['parent_id'],
    'user': ['user'], 'search': ['search'], 'search_short': ['search_short'], 'none': [],
}


def read(folder, name):
    return '\n'.join(l for l in open(os.path.join(folder, name + '.sql')).read().splitlines() if not l.strip().startswith('--'))


def schema(folder):
    db = sqlite3.connect(':memory:')
    for name in sorted(os.listdir(os.path.join(folder, 'Migrations'))):
        db.executescript(open(os.path.join(folder, 'Migrations', name)).read())
    return db


def list_statements(folder):
    out = {}
    for name, parts in FILTERS.items():
        for extra in ([], ['visible_to'], ['status', 'visible_to'] if 'status' not in parts else None, ['status']):
            if extra is None or (extra == ['status'] and 'status' in parts): continue
            fragments = [p for p in parts + extra if not p.startswith('search')]
            if 'object' not in name and 'parent_id' not in name: fragments.append('top_level')
            filters = ''.join('\n' + read(folder, 'TaskList/' + f).strip() for f in fragments)
            by_created = 'from' in fragments
            order = read(folder, 'TaskList/order_created' if by_created else 'TaskList/order_id').strip()
            after = '\n' + read(folder, 'TaskList/after_created' if by_created else 'TaskList/after_id').strip()
            below = '\n' + read(folder, 'TaskList/before_id').strip() if os.path.exists(os.path.join(folder, 'TaskList', 'before_id.sql')) else ''
            # The search goes last; its own placeholders take the statement's filters, order and bound (TaskListSql.Search).
            search = page_search = lambda f, o, b: ''
            for p in parts:
                if p.startswith('search'):
                    counted = read(folder, 'TaskList/' + p).strip()
                    paged = read(folder, 'TaskList/' + p + '_page').strip() if os.path.exists(os.path.join(folder, 'TaskList', p + '_page.sql')) else counted
                    search = lambda f, o, b, t=counted: '\n' + t.replace('{filters}', f).replace('{order}', o).replace('{bound}', b)
                    page_search = lambda f, o, b, t=paged: '\n' + t.replace('{filters}', f).replace('{order}', o).replace('{bound}', b)
            key = name + ('+' + '+'.join(extra) if extra else '')
            out['list count ' + key] = read(folder, 'TaskList/count').replace('{filters}', filters + search(filters, order, '@count_limit'))
            out['list page ' + key] = read(folder, 'TaskList/page').replace('{filters}', filters + page_search(filters, order, '@limit + @offset')).replace('{order}', order)
            out['list cursor ' + key] = read(folder, 'TaskList/page').replace(
                '{filters}', filters + page_search(filters + after, order, '@limit + @offset') + after).replace('{order}', order)
            out['list chunk ' + key] = read(folder, 'TaskList/chunk').replace('{filters}', filters + page_search(filters + below, 'id DESC', '@chunk'))
    for f in sorted(os.listdir(folder)):
        if not f.endswith('.sql'): continue
        for i, part in enumerate(read(folder, f[:-4]).split(';')):
            if part.strip() and not part.strip().upper().startswith('PRAGMA'):
                out[f'{f[:-4]}[{i}]'] = part
    return out


def plan(db, sql):
    sql = re.sub(r'@(\w+)', r':\1', sql)
    try:
        return [r[3] for r in db.execute('EXPLAIN QUERY PLAN ' + sql, {n: None for n in re.findall(r':(\w+)', sql)})]
    except sqlite3.Error as e:
        return ['ERROR ' + str(e)]


def scans(lines):
    return {l for l in lines if l.startswith('SCAN ') and 'VIRTUAL TABLE' not in l and 'CONSTANT ROW' not in l and not l.startswith('SCAN (subquery')}


def main():
    before = sys.argv[1]
    after = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, 'src', 'Tasklane.Sqlite', 'Sql')
    db_before, db_after = schema(before), schema(after)
    s_before, s_after = list_statements(before), list_statements(after)
    changed = new_scans = 0
    for key in sorted(set(s_before) | set(s_after)):
        p_before = plan(db_before, s_before[key]) if key in s_before else ['(absent)']
        p_after = plan(db_after, s_after[key]) if key in s_after else ['(absent)']
        if p_before == p_after: continue
        changed += 1
        print('==', key)
        for l in p_before: print('   before:', l)
        for l in p_after: print('   after: ', l)
        for l in sorted(scans(p_after) - scans(p_before)):
            new_scans += 1
            print('   NEW SCAN:', l)
    print(f'{len(s_after)} statements, {changed} plans changed, {new_scans} new full scans')


if __name__ == '__main__':
    main()
