#!/usr/bin/env python3
"""GET /api/tasks for each list filter of the bench (bench/Tasklane.Bench/ListFilters.cs) and a search per given word,
as the admin and as the operator who owns 1 %, against a running `tasklane serve` on a store the bench seeded: p50 ms
of SAMPLES requests after one warm-up, and the total answered.

Usage: bench/profile/serve_list_http.py URL SAMPLES [WORD...]
A seeded store: the bench's serve child with --keep-store (bench/profile/sqlite_own_list.py says how); then
  dotnet src/Tasklane.Cli/bin/Release/net10.0/Tasklane.Cli.dll serve --urls URL --admin-password bench-admin-password --db FILE
(the bench's own passwords: bench/Tasklane.Bench/ServeProcess.cs and ServeScenarios.cs). The created-range filter is the
day 30 days ago, as the bench's.
"""
import datetime, json, statistics, sys, time, urllib.parse, urllib.request

base = sys.argv[1].rstrip('/')
def login(u, p):
    r = urllib.request.urlopen(urllib.request.Request(base + '/api/auth/login', json.dumps(dict(username=u, password=p)).encode(), {'Content-Type': 'application/json'}))
    return json.load(r)['token']
tokens = {'admin': login('admin', 'bench-admin-password'), 'user': login('operator', 'bench-operator-password')}
day = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
iso = lambda t: urllib.parse.quote(t.strftime('%Y-%m-%dT%H:%M:%SZ'))
filters = [('first-page', 'page_size=50'), ('deep-page', 'current=100&page_size=50'), ('status', 'status=failed&page_size=50'),
 ('worker', 'worker=report&page_size=50'), ('action', 'worker=report&action=export&page_size=50'), ('queue', 'queue=emails&page_size=50'),
 ('user', 'user=operator&page_size=50'), ('id', 'id=500000&page_size=50'), ('created-range', f'from={iso(day)}&to={iso(day + datetime.timedelta(days=1))}&page_size=50'),
 ('object', 'object_type=order&object_id=50000&page_size=50')] + [(f'search={w}', f'search={urllib.parse.quote(w)}&page_size=50') for w in sys.argv[3:]]
n = int(sys.argv[2])
for name, q in filters:
    row = []
    for who, t in tokens.items():
        times = []
        for i in range(n + 1):
            s = time.perf_counter()
            body = urllib.request.urlopen(urllib.request.Request(base + '/api/tasks?' + q, headers={'Authorization': 'Bearer ' + t})).read()
            if i: times.append((time.perf_counter() - s) * 1000)
        row.append(f"{who} {statistics.median(times):6.1f} ({json.loads(body)['total']})")
    print(f"{name:<18} " + '   '.join(row), flush=True)
