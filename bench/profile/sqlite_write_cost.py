#!/usr/bin/env python3
"""CPU cost of Tasklane's SQLite write statements, with and without the read side of migration 0004, and after 0011.

Builds a scratch database from src/Tasklane.Sqlite/Sql/Migrations (Python's sqlite3, WAL, synchronous=OFF so that the
figure is the statements' own CPU, not the disk), drops the 0004 triggers and indexes per variant, and runs Tasklane's
own statements from src/Tasklane.Sqlite/Sql:
  single  one create per transaction (task_insert + log_insert), as an ungrouped create commits;
  trans   claim (claim_update) and completion (tasks_complete_many) in batches of 10, one transaction each;
  bulk    tasks_insert_many + tasks_insert_many_logs in chunks of 1,000 (and the earlier logs statement, which joined two
          json_each tables on their keys: "bulk-old").
Variants: the schema up to 0010 whole, without parts of 0004, without foreign keys (no-fk), up to 0011 (0011,
0011 without the counter triggers, and each part of 0011 alone on 0010: 0011-indexes, 0011-search), and up to 0012
and 0013. "fail" is trans with every attempt ending failed with an error (ix_tasks_search_error of 0013 is written only
then).
Prints CPU microseconds per task (process time, so a busy machine inflates every variant alike; compare variants of
the same round). Usage: python3 bench/profile/sqlite_write_cost.py [rounds] [variant,variant,...]. docs/performance.md has a run.
"""
import json, os, re, shutil, sqlite3, sys, tempfile, time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
SQL = os.path.join(ROOT, 'src', 'Tasklane.Sqlite', 'Sql')
FTS = ['trg_tasks_fts_insert', 'trg_tasks_fts_update', 'trg_tasks_fts_delete']
COUNTERS = ['trg_tasks_counts_insert', 'trg_tasks_counts_update', 'trg_tasks_counts_move', 'trg_tasks_counts_delete']
LIST = ['ix_tasks_list_status', 'ix_tasks_list_worker', 'ix_tasks_list_action', 'ix_tasks_list_queue', 'ix_tasks_list_creator',
        'ix_tasks_list_creator_status', 'ix_tasks_list_creator_name', 'ix_tasks_created_at']
COUNTERS_11 = COUNTERS + ['trg_tasks_actions_insert']
# name: (last migration applied, triggers and indexes dropped, foreign keys enforced)
VARIANTS = {'full': (10, [], True), 'no-fts': (10, FTS, True), 'no-counters': (10, COUNTERS, True),
            'no-triggers': (10, FTS + COUNTERS, True), 'no-0004': (10, FTS + COUNTERS + LIST, True),
            'no-fk': (10, [], False),
            '0011': (11, [], True), '0011-no-counters': (11, COUNTERS, True),
            '0011-indexes': ('indexes', [], True), '0011-search': ('search', [], True),
            '0012': (12, [], True), '0013': (13, [], True)}
OLD_LOGS = """INSERT INTO task_logs (task_id, at, level, message, status, progress, processed, total, eta_seconds)
SELECT t.id, t.created_at, 'info', m.value, t.status, t.progress, t.processed, t.total, t.eta_seconds
FROM json_each(:ids) i JOIN json_each(:messages) m ON m.key = i.key JOIN tasks t ON t.id = i.value ORDER BY i.key"""
NOW = 1764640000000


def statement(name, part=None):
    text = '\n'.join(l for l in open(os.path.join(SQL, name + '.sql')).read().splitlines() if not l.strip().startswith('--'))
    text = re.sub(r'@(\w+)', r':\1', text)
    return text.split(';')[part] if part is not None else text


INSERT, LOG = statement('task_insert'), statement('log_insert')
MANY, MANY_LOGS = statement('tasks_insert_many'), statement('tasks_insert_many_logs')
CLAIM, CLAIM_LOG, COMPLETE = statement('claim_update', 0), statement('claim_update', 1), statement('tasks_complete_many')


def task(_):
    return dict(worker='bench', action='noop', data='{}', queue='default', priority='normal', max_attempts=1, run_at=NOW,
                created_by_id=1, created_by_name='admin', category='user', ip_address=None, schedule_id=None, parent_id=None,
                object_type=None, object_id=None, idempotency_key=None, timeout_seconds=None, name=None, trace_context=None, now=NOW,
                concurrency_key=None, concurrency_limit=1, tags=None, links=None, cloned_from=None)


def row():
    return ['bench', 'noop', '{}', 'default', 'normal', 1, NOW, 1, 'admin', 'user', None, None, None, None, None, None, NOW, None, None,
            None, 1, None, None, None]


def open_db(bases, folder, variant):
    upto, drops, fk = VARIANTS[variant]
    path = os.path.join(folder, variant + '.db')
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(path + suffix): os.remove(path + suffix)
    shutil.copy(bases[upto], path)
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ('journal_mode=WAL', 'synchronous=OFF', 'foreign_keys=' + ('ON' if fk else 'OFF')): db.execute('PRAGMA ' + pragma)
    for name in drops: db.execute(('DROP TRIGGER ' if name.startswith('trg') else 'DROP INDEX ') + name)
    return db


def cpu_per(n, work):
    start = time.process_time()
    work()
    return (time.process_time() - start) / n * 1e6


def single(db, n=2000):
    def work():
        for i in range(n):
            db.execute('BEGIN IMMEDIATE')
            tid = db.execute(INSERT, task(i)).fetchone()[0]
            db.execute(LOG, dict(id=tid, at=NOW, level='info', message='Created by admin'))
            db.execute('COMMIT')
    return cpu_per(n, work)


def bulk(db, old_logs, n=20000):
    def work():
        for _ in range(n // 1000):
            db.execute('BEGIN IMMEDIATE')
            ids = sorted(r[0] for r in db.execute(MANY, dict(rows=json.dumps([row() for _ in range(1000)]))).fetchall())
            if old_logs: db.execute(OLD_LOGS, dict(ids=json.dumps(ids), messages=json.dumps(['Created by admin'] * 1000)))
            else: db.execute(MANY_LOGS, dict(lines=json.dumps([[i, 'Created by admin'] for i in ids])))
            db.execute('COMMIT')
    return cpu_per(n, work)


def transitions(db, n=4000, status='completed', error=None):
    ids = [r[0] for r in db.execute('SELECT id FROM tasks WHERE status = ? ORDER BY id LIMIT ?', ('pending', n))]
    def work():
        for k in range(0, len(ids), 10):
            chunk = json.dumps(ids[k:k + 10])
            db.execute('BEGIN IMMEDIATE')
            db.execute(CLAIM, dict(ids=chunk, now=NOW, node='n1', lease_expires_at=NOW + 30000))
            db.execute(CLAIM_LOG, dict(ids=chunk, now=NOW, node='n1'))
            db.execute('COMMIT')
            db.execute('BEGIN IMMEDIATE')
            db.execute(COMPLETE, dict(outcomes=json.dumps([[i, 'n1', 1, status, NOW + 5, None, error] + [None] * 6 for i in ids[k:k + 10]]))).fetchall()
            db.execute('COMMIT')
    return cpu_per(len(ids), work)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    folder = tempfile.mkdtemp(prefix='tasklane-write-cost.')
    bases = {}
    for upto in {v[0] for v in VARIANTS.values()}:
        bases[upto] = os.path.join(folder, f'base-{upto}.db')
        db = sqlite3.connect(bases[upto])
        for name in sorted(os.listdir(os.path.join(SQL, 'Migrations'))):
            text = open(os.path.join(SQL, 'Migrations', name)).read()
            if isinstance(upto, str) and name.startswith('0011'):  # one part of 0011 alone
                db.executescript(re.split(r'^-- \[(\w+)\]$', text, flags=re.M)[1:][['indexes', 'search'].index(upto) * 2 + 1])
            elif isinstance(upto, str) or int(name[:4]) <= upto: db.executescript(text)
        db.close()
    only = sys.argv[2].split(',') if len(sys.argv) > 2 else list(VARIANTS)
    print('round variant: CPU us per task (single create, claim+complete, bulk, claim+fail, bulk-old)')
    for r in range(rounds):
        for variant in only:
            db = open_db(bases, folder, variant)
            figures = dict(single=single(db), bulk=bulk(db, False), trans=transitions(db),
                           fail=transitions(db, 2000, 'failed', 'Simulated failure'))
            db.close()
            db = open_db(bases, folder, variant)
            figures['bulk-old'] = bulk(db, True)
            db.close()
            print(r, variant, ' '.join(f'{k}={v:.0f}' for k, v in figures.items()), flush=True)
    shutil.rmtree(folder)


if __name__ == '__main__':
    main()
