#!/usr/bin/env python3
"""The service under load (issue 9): starts `quire serve` on a fresh SQLite database in a
temporary folder, makes a social-worker token, checks one Pledge render, then runs wrk with
bench/service.lua (every request a Pledge PDF) for a bounded time, sampling the server's RSS
from /proc every second. Prints requests/s, p50/p90/p99 latency, the answers by status, the
RSS over the run, and how many audit rows the run wrote. Measures; asserts nothing."""
import argparse
import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid):
    """User + system CPU time of the process so far."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def ms(text):
    """wrk's '1.23ms' / '456.00us' / '1.20s' in milliseconds."""
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quire", default="build/quire")
    p.add_argument("--duration", type=int, default=30, help="seconds of load")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--max-concurrent", default="64", help="the server's per-token limit (a 429 is no render)")
    p.add_argument("--batch", type=int, default=2000,
                   help="then render this many Pledges with `quire batch --jobs 2`, for the same work without HTTP (0: skip)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="quire-bench-service-") as tmp:
        db = os.path.join(tmp, "quire.db")
        out = subprocess.run([args.quire, "tokens", "create", "--role", "social-worker", "--name", "bench",
                              "--db", "sqlite:" + db], capture_output=True, text=True, check=True)
        token = out.stdout.split()[-1]
        out = subprocess.run([args.quire, "tokens", "create", "--role", "metrics", "--name", "scraper",
                              "--db", "sqlite:" + db], capture_output=True, text=True, check=True)
        scraper = out.stdout.split()[-1]
        server = subprocess.Popen([args.quire, "serve", "--listen", "127.0.0.1:0", "--db", "sqlite:" + db,
                                   "--max-concurrent", args.max_concurrent],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            base = line.split("listening on ", 1)[1].split()[0]
            body = json.dumps({"template": "pledge", "data": {"id": "C-1", "child": {"first_name": "Amani"},
                                                             "council": {"name": "Northbridge City Council"},
                                                             "issued": "2026-03-14"}}).encode()
            req = urllib.request.Request(base + "/v1/render", data=body, method="POST",
                                         headers={"Authorization": "Bearer " + token,
                                                  "Content-Type": "application/json"})
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(req, timeout=60) as res:
                first = res.read()
            print(f"one Pledge: {len(first)} bytes, RSS after it {rss_mb(server.pid):.1f} MB")

            samples, stop = [], threading.Event()

            def sample():
                start = time.monotonic()
                while not stop.wait(1.0):
                    samples.append((time.monotonic() - start, rss_mb(server.pid)))

            sampler = threading.Thread(target=sample)
            cpu_before = cpu_seconds(server.pid)
            sampler.start()
            env = dict(os.environ, QUIRE_TOKEN=token)
            wrk = subprocess.run(["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
                                  "--latency", "--timeout", "10s", "-s", os.path.join(HERE, "service.lua"), base],
                                 capture_output=True, text=True, env=env)
            stop.set()
            sampler.join()
            cpu = cpu_seconds(server.pid) - cpu_before
            metrics = urllib.request.Request(base + "/metrics", headers={"Authorization": "Bearer " + scraper})
            with opener.open(metrics, timeout=60) as res:
                text = res.read().decode()
            print(wrk.stdout)
            if wrk.returncode != 0:
                print(wrk.stderr)
            rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk.stdout)
            lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", wrk.stdout, re.M))
            if rps and lat:
                print(f"requests/s {float(rps.group(1)):.0f}, p50 {ms(lat['50']):.2f} ms, "
                      f"p90 {ms(lat['90']):.2f} ms, p99 {ms(lat['99']):.2f} ms")
            total = re.search(r'quire_render_duration_seconds_sum\{template="pledge",format="pdf"\} (\S+)', text)
            count = re.search(r'quire_render_duration_seconds_count\{template="pledge",format="pdf"\} (\S+)', text)
            done = re.search(r'quire_renders_total\{template="pledge",format="pdf",status="200"\} (\S+)', text)
            if total and count and done:
                n = int(done.group(1))
                print(f"server CPU {cpu:.1f} s for {n} renders: {1000 * cpu / n:.2f} CPU ms per request; "
                      f"renderer wall time {1000 * float(total.group(1)) / int(count.group(1)):.2f} ms per job")
            if samples:
                values = [v for _, v in samples]
                third = max(1, len(values) // 3)
                print(f"RSS over the run: first {values[0]:.1f} MB, max {max(values):.1f} MB, last {values[-1]:.1f} MB; "
                      f"mean of first third {sum(values[:third]) / third:.1f} MB, "
                      f"of last third {sum(values[-third:]) / third:.1f} MB ({len(values)} samples)")
                print("RSS every 10 s (MB): " + " ".join(f"{v:.1f}" for t, v in samples if int(t) % 10 == 0))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if args.batch:
            batch(args, tmp)
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT status, COUNT(*) FROM audit WHERE action = 'render' GROUP BY status").fetchall()
        print("audit rows by status:", dict(rows))


def batch(args, tmp):
    """The same Pledges through `quire batch` (no HTTP, no audit): docs/s and CPU ms per document."""
    records = os.path.join(tmp, "records.jsonl")
    with open(records, "w") as fh:
        for i in range(args.batch):
            fh.write(json.dumps({"id": f"C-{i}", "child": {"first_name": "Amani"},
                                 "council": {"name": "Northbridge City Council"}, "issued": "2026-03-14"}) + "\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([args.quire, "batch", "pledge", records, "-o", os.path.join(tmp, "out"), "--jobs", "2"],
                   capture_output=True, check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"quire batch --jobs 2, {args.batch} Pledges written to files: {args.batch / wall:.0f} docs/s, "
          f"{1000 * cpu / args.batch:.2f} CPU ms per document")


if __name__ == "__main__":
    main()
