#!/usr/bin/env python3
"""Jobs on the HTTP service as real processes (issue 9).

SQLite: `quire serve` with in-process workers renders a Pledge batch; every record is
rendered exactly once (the database and the audit agree), every artefact is a whole PDF,
another token cannot see the job, bad jobs get JSON errors, a cancelled job renders no
record after the cancel, the child's name never stays in the database files, and
`--retain` deletes finished jobs with their files.

PostgreSQL (a real server from Debian's postgresql package, started on loopback in a
temporary folder as an unprivileged user): `quire serve --workers 0` takes the job and three
`quire worker` processes render it; one is killed with SIGKILL while it holds records, which
are taken again when their lease expires; every record is finished exactly once and every
artefact (kept in the database) is a whole PDF. If the package cannot be used the PostgreSQL
part is skipped with a loud message.

--records N sets the batch's size (30 in the fast suite, 1,000 in the slow one)."""
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from common import ROOT, Failures, parse_args, pdf_text, run, squash

CANARY = "Quillanthe"  # one child's name: must never stay in the database
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
FIRST = ["Amani", "Dawit", "Zainab", "Oliwia", "Kofi", "Mei", "Tomasz", "Aroha", "Yusuf", "Ines", "Ravi", "Siobhan"]
SECOND = ["Rose", "Jay", "Lee", "Mae", "Ann", "Kai", "Noor", "Bea"]
PG_BIN = ["/usr/lib/postgresql/15/bin", "/usr/local/bin"]


def request(base, method, path, token=None, body=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with OPENER.open(req, timeout=120) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def token(quire, db, role, name):
    out = run([quire, "tokens", "create", "--role", role, "--name", name, "--db", db])
    if out.returncode != 0:
        raise RuntimeError("tokens create failed: " + out.stderr)
    return out.stdout.split()[-1]


def records(n, canary_at=3):
    with open(os.path.join(ROOT, "templates", "pledge", "examples", "child.json")) as f:
        base = json.load(f)
    out = []
    for i in range(n):
        r = json.loads(json.dumps(base))
        r["id"] = f"C-{i:05d}"
        r["child"]["first_name"] = CANARY if i == canary_at else f"{FIRST[i % len(FIRST)]}-{SECOND[i // len(FIRST) % len(SECOND)]}"
        out.append(r)
    return out


def start_serve(f, quire, db, *extra):
    server = subprocess.Popen([quire, "serve", "--listen", "127.0.0.1:0", "--db", db, *extra],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if "listening on " not in line:
        server.kill()
        f.check(False, f"the server did not start: {line!r} {server.stderr.read()}")
        f.finish()
    return server, line.split("listening on ", 1)[1].split()[0]


def stop(f, proc, what):
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=60)
        f.check(code == 0, f"{what} exits 0 on SIGTERM, not {code}: {proc.stderr.read() if proc.stderr else ''}")
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        f.check(False, f"{what} did not stop within 60 s of SIGTERM (killed)")


def wait_job(base, tok, job, timeout, until=lambda j: j["state"] in ("done", "failed", "cancelled")):
    end = time.monotonic() + timeout
    while True:
        status, _, body = request(base, "GET", "/v1/jobs/" + job, tok)
        j = json.loads(body) if status == 200 else {}
        if status != 200 or until(j) or time.monotonic() > end:
            return j
        time.sleep(0.1)


def check_artefacts(f, base, tok, job, n, tmp, label):
    """Every artefact is a whole PDF; a sample passes qpdf --check; the canary's reads back."""
    bad = []
    sample = {0, 3, n // 2, n - 1}
    for i in range(n):
        status, headers, body = request(base, "GET", f"/v1/jobs/{job}/artefacts/{i}", tok)
        whole = status == 200 and body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")
        if not whole:
            bad.append((i, status, body[:80]))
            continue
        if i in sample:
            path = os.path.join(tmp, f"{label}-{i}.pdf")
            with open(path, "wb") as out:
                out.write(body)
            q = run(["qpdf", "--check", path])
            f.check(q.returncode == 0, f"{label}: qpdf --check passes artefact {i}: {q.stdout[-300:]}")
            if i == 3:
                f.check(CANARY in squash(pdf_text(path)), f"{label}: the child's name is in artefact 3")
    f.check(not bad, f"{label}: every artefact is a whole PDF (%PDF- ... %%EOF): {bad[:5]}")


def sqlite_part(f, quire, tmp, n):
    db_path = os.path.join(tmp, "quire.db")
    db = "sqlite:" + db_path
    worker = token(quire, db, "social-worker", "case-system")
    other = token(quire, db, "social-worker", "other-case-system")
    clerk = token(quire, db, "clerk", "committee-system")
    admin = token(quire, db, "admin", "ops")
    # The batch cancelled below must outlast a poll (0.1 s) however fast rendering gets: a
    # 30-record batch once finished between its first progress and the DELETE.
    cancel_n = max(n, 800)
    server, base = start_serve(f, quire, db, "--workers", "2", "--max-records", str(cancel_n))
    try:
        batch = records(n)
        job_body = {"kind": "batch", "template": "pledge", "locale": "en-GB", "format": "pdf", "records": batch}

        # Refusals: JSON errors, nothing queued.
        status, _, body = request(base, "POST", "/v1/jobs", clerk, job_body)
        f.check(status == 403 and json.loads(body)["errors"][0]["code"] == "auth.forbidden", f"clerk's Pledge job: {status}")
        status, _, body = request(base, "POST", "/v1/jobs", worker, dict(job_body, template="../../etc/passwd"))
        f.check(status == 404 and json.loads(body)["errors"][0]["code"] == "usage.unknown-template", f"path as template: {status} {body!r}")
        status, _, body = request(base, "POST", "/v1/jobs", worker, dict(job_body, records=[{}] * (cancel_n + 1)))
        f.check(status == 413 and json.loads(body)["errors"][0]["code"] == "job.too-many-records", f"too many records: {status} {body!r}")
        status, _, body = request(base, "POST", "/v1/jobs", worker, raw=b"{\"template\": ")
        f.check(status == 400 and json.loads(body)["errors"][0]["code"] == "usage.job-syntax", f"malformed job: {status}")
        status, _, body = request(base, "POST", "/v1/jobs", worker, dict(job_body, records=[]))
        f.check(status == 422, f"a job without records is 422: {status} {body!r}")
        with sqlite3.connect(db_path) as c:
            f.check(c.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0, "refused jobs change nothing")

        # A bad record fails alone, with its pointer into the job.
        status, _, body = request(base, "POST", "/v1/jobs", worker,
                                  dict(job_body, records=[batch[0], {"child": {"first_name": ""}, "council": {}, "issued": "soon"}, batch[1]]))
        small = json.loads(body)["id"] if status == 202 else ""
        j = wait_job(base, worker, small, 120)
        errs = [r for r in j.get("records", []) if r["state"] == "failed"]
        f.check(j.get("state") == "failed" and j["progress"]["done"] == 2 and len(errs) == 1 and errs[0]["index"] == 1,
                f"one bad record fails alone: {json.dumps(j)[:400]}")
        f.check(errs and all(e.get("pointer", "").startswith("/records/1/") for e in errs[0]["errors"]),
                f"its errors point into /records/1: {errs[:1]}")

        # The batch.
        started = time.monotonic()
        status, headers, body = request(base, "POST", "/v1/jobs", worker, job_body)
        f.check(status == 202 and json.loads(body)["state"] == "queued", f"the batch is queued: {status} {body[:200]!r}")
        job = json.loads(body)["id"]
        f.check(headers.get("Location") == "/v1/jobs/" + job, f"Location names the job: {headers.get('Location')}")
        status, _, body = request(base, "GET", "/v1/jobs/" + job, other)
        f.check(status == 404, f"another token cannot see the job: {status}")
        status, _, _ = request(base, "DELETE", "/v1/jobs/" + job, other)
        f.check(status == 404, f"another token cannot cancel the job: {status}")
        j = wait_job(base, worker, job, 60 + n)
        took = time.monotonic() - started
        f.check(j.get("state") == "done" and j["progress"]["done"] == n, f"the batch is done: {json.dumps(j)[:300]}")
        print(f"SQLite: {n} records through quire serve (2 worker threads) in {took:.1f} s")
        status, _, body = request(base, "GET", "/v1/jobs/" + job, admin)
        f.check(status == 200 and json.loads(body).get("owner") == "case-system", f"admin sees every job: {status}")
        check_artefacts(f, base, worker, job, n, tmp, "sqlite")

        # Cancel a second batch once it has started: nothing is rendered after.
        status, _, body = request(base, "POST", "/v1/jobs", worker, dict(job_body, records=records(cancel_n)))
        second = json.loads(body)["id"]
        wait_job(base, worker, second, 120, until=lambda j: j["progress"]["done"] >= 1 or j["state"] != "queued" and j["state"] != "running")
        status, _, body = request(base, "DELETE", "/v1/jobs/" + second, worker)
        f.check(status == 200 and json.loads(body)["state"] == "cancelled", f"cancel: {status} {body!r}")
        status, _, body = request(base, "DELETE", "/v1/jobs/" + second, worker)
        f.check(status == 409, f"a second cancel is 409: {status}")
        after_cancel = json.loads(request(base, "GET", "/v1/jobs/" + second, worker)[2])
        time.sleep(2)
        later = json.loads(request(base, "GET", "/v1/jobs/" + second, worker)[2])
        p = later["progress"]
        f.check(later["state"] == "cancelled" and p["done"] == after_cancel["progress"]["done"]
                and p["done"] + p["cancelled"] + p["failed"] == cancel_n and p["cancelled"] > 0,
                f"no record is rendered after the cancel: {after_cancel['progress']} then {p}")

        # The database and the audit agree: every record once.
        with sqlite3.connect(db_path) as c:
            rows = c.execute("SELECT state, attempts, data IS NULL FROM job_records WHERE job = ?", (job,)).fetchall()
            f.check(len(rows) == n and all(r == ("done", 1, 1) for r in rows),
                    f"every record done once, its data deleted: {set(rows)}")
            audit = c.execute("SELECT COUNT(*), COUNT(DISTINCT record_index) FROM audit WHERE action = 'job-record' AND job = ?", (job,)).fetchone()
            f.check(audit == (n, n), f"the audit has one row per record: {audit}")
            cancelled_audit = c.execute("SELECT COUNT(*) FROM audit WHERE action = 'job-record' AND job = ?", (second,)).fetchone()[0]
            f.check(cancelled_audit == p["done"], f"the cancelled job's audit has its rendered records only: {cancelled_audit} vs {p}")
            left = c.execute("SELECT COUNT(*) FROM job_records WHERE data IS NOT NULL").fetchone()[0]
            f.check(left == 0, f"no record's data is kept once the jobs ended: {left}")
        files = os.listdir(db_path + ".artefacts")
        f.check(len([x for x in files if not x.startswith(".")]) == n + 2 + p["done"] and not [x for x in files if x.startswith(".")],
                f"one whole file per rendered record, no temporary file: {len(files)}")
    finally:
        stop(f, server, "quire serve")
    everything = b""
    for suffix in ("", "-wal", "-journal"):
        if os.path.exists(db_path + suffix):
            with open(db_path + suffix, "rb") as fh:
                everything += fh.read()
    f.check(CANARY.encode() not in everything, "the child's name is not in the database files after the jobs")

    # Retention: a server with --retain 1s deletes the finished jobs and their files when it starts.
    time.sleep(1.5)
    server, base = start_serve(f, quire, db, "--retain", "1s")
    try:
        end = time.monotonic() + 30
        while time.monotonic() < end:
            with sqlite3.connect(db_path) as c:
                if c.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0:
                    break
            time.sleep(0.2)
        with sqlite3.connect(db_path) as c:
            f.check(c.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] == 0
                    and c.execute("SELECT COUNT(*) FROM job_records").fetchone()[0] == 0, "--retain deletes finished jobs")
            f.check(c.execute("SELECT COUNT(*) FROM audit WHERE action = 'job-record'").fetchone()[0] >= n,
                    "the audit outlives the artefacts")
        f.check(os.listdir(db_path + ".artefacts") == [], "--retain deletes the artefacts' files")
        status, _, _ = request(base, "GET", f"/v1/jobs/{job}/artefacts/0", worker)
        f.check(status == 404, f"an expired artefact is 404: {status}")
    finally:
        stop(f, server, "quire serve --retain 1s")


def pg_tools():
    for d in PG_BIN:
        if all(os.access(os.path.join(d, t), os.X_OK) for t in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, sql):
    out = run(["psql", url, "-At", "-c", sql])
    if out.returncode != 0:
        raise RuntimeError("psql: " + out.stderr)
    return out.stdout.strip()


def pg_part(f, quire, tmp, n):
    tools = pg_tools()
    if not tools or not shutil.which("psql"):
        print("!" * 70 + "\nSKIPPED: the PostgreSQL part (no initdb/pg_ctl/psql: install Debian's postgresql package)\n" + "!" * 70)
        return
    # PostgreSQL refuses to run as root: the server runs as 'nobody' in a folder it owns.
    pgdir = os.path.join(tmp, "pg")
    os.makedirs(pgdir)
    as_user = [] if os.geteuid() != 0 else ["runuser", "-u", "nobody", "--"]
    if as_user:
        os.chmod(tmp, 0o755)
        shutil.chown(pgdir, "nobody")
    data = os.path.join(pgdir, "data")
    init = run(as_user + [os.path.join(tools, "initdb"), "-D", data, "-U", "quire", "--auth=trust", "-E", "UTF8", "--no-locale"])
    if init.returncode != 0:
        print("!" * 70 + "\nSKIPPED: the PostgreSQL part: initdb failed:\n" + init.stderr[-800:] + "\n" + "!" * 70)
        return
    port = free_port()
    start = run(as_user + [os.path.join(tools, "pg_ctl"), "-D", data, "-l", os.path.join(pgdir, "log"), "-w", "-t", "60",
                           "-o", f"-h 127.0.0.1 -p {port} -k {pgdir} -F", "start"])
    if start.returncode != 0:
        print("!" * 70 + "\nSKIPPED: the PostgreSQL part: the server did not start:\n" + start.stderr[-800:] + "\n" + "!" * 70)
        return
    url = f"postgresql://quire@127.0.0.1:{port}/postgres"
    procs = []
    try:
        worker = token(quire, url, "social-worker", "case-system")
        server, base = start_serve(f, quire, url, "--workers", "0", "--max-records", str(max(n, 40)))
        procs.append((server, "quire serve (PostgreSQL)"))
        workers = []
        for i in range(3):
            w = subprocess.Popen([quire, "worker", "--db", url, "--name", f"w{i}", "--lease", "8s", "--deadline-ms", "5000",
                                  "--batch", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            workers.append(w)
        for i, w in enumerate(workers):
            line = w.stdout.readline()
            f.check("taking jobs" in line, f"worker w{i} starts: {line!r}")
        batch = records(n)
        started = time.monotonic()
        status, _, body = request(base, "POST", "/v1/jobs", worker,
                                  {"template": "pledge", "locale": "en-GB", "records": batch})
        f.check(status == 202, f"the PostgreSQL batch is queued: {status} {body[:200]!r}")
        job = json.loads(body)["id"]

        # Kill w1 while it holds records, once a quarter (at least 3) of the batch is done. Every
        # worker is frozen (SIGSTOP) while the database is read, and they run 10 ms between two
        # reads: a small batch cannot finish unseen between reads, however fast the machine is.
        victim = workers[1]
        killed_holding = ""
        held_sql = (f"SELECT (SELECT COUNT(*) FROM job_records WHERE job = '{job}' AND state = 'done') || ' ' || "
                    f"COALESCE((SELECT string_agg(idx::text, ',') FROM job_records WHERE job = '{job}' "
                    f"AND state = 'running' AND lease_owner LIKE 'w1:%'), '')")
        end = time.monotonic() + 300
        while time.monotonic() < end and not killed_holding:
            for w in workers:
                w.send_signal(signal.SIGSTOP)
            done, _, held = psql(url, held_sql).partition(" ")
            if int(done) >= max(3, n // 4) and held and int(done) < n:
                victim.send_signal(signal.SIGKILL)
                victim.wait()
                killed_holding = held
            for w in workers:
                if w is not victim or not killed_holding:
                    w.send_signal(signal.SIGCONT)
            if int(done) >= n:
                break
            time.sleep(0.01)
        f.check(bool(killed_holding), "worker w1 was killed with SIGKILL while it held records")
        print(f"PostgreSQL: killed w1 while it held records {killed_holding}")
        j = wait_job(base, worker, job, 120 + 2 * n)
        took = time.monotonic() - started
        f.check(j.get("state") == "done" and j["progress"]["done"] == n, f"the PostgreSQL batch is done: {json.dumps(j)[:300]}")

        rows = psql(url, f"SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'done'), COUNT(*) FILTER (WHERE data IS NULL), "
                         f"COUNT(*) FILTER (WHERE attempts > 1), COUNT(*) FILTER (WHERE artefact IS NOT NULL) "
                         f"FROM job_records WHERE job = '{job}'").split("|")
        total, done, cleared, retaken, stored = map(int, rows)
        f.check((total, done, cleared, stored) == (n, n, n, n), f"every record done, data cleared, artefact stored: {rows}")
        f.check(retaken >= 1, f"the killed worker's records were taken again: {retaken}")
        audit = psql(url, f"SELECT COUNT(*), COUNT(DISTINCT record_index) FROM audit WHERE action = 'job-record' AND job = '{job}'")
        f.check(audit == f"{n}|{n}", f"the audit has exactly one row per record: {audit}")
        print(f"PostgreSQL: {n} records over 3 quire worker processes (one killed) in {took:.1f} s; "
              f"{retaken} record(s) taken again after the kill")
        check_artefacts(f, base, worker, job, n, tmp, "postgresql")
        for i, w in enumerate(workers):
            if w is not victim:
                stop(f, w, f"quire worker w{i}")
    finally:
        for w in [p for p in locals().get("workers", []) if p.poll() is None]:
            w.kill()
            w.wait()
        for proc, what in procs:
            if proc.poll() is None:
                stop(f, proc, what)
        run(as_user + [os.path.join(tools, "pg_ctl"), "-D", data, "-w", "-m", "fast", "stop"])


def main():
    args = parse_args([("--records", {"type": int, "default": 30}),
                       ("--part", {"choices": ["sqlite", "postgresql", "all"], "default": "all"})])
    f = Failures("service_jobs")
    with tempfile.TemporaryDirectory(prefix="quire-jobs-") as tmp:
        if args.part in ("sqlite", "all"):
            sqlite_part(f, args.quire, tmp, args.records)
        if args.part in ("postgresql", "all"):
            pg_part(f, args.quire, tmp, args.records)
    f.finish()


if __name__ == "__main__":
    sys.exit(main())
