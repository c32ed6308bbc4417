#!/usr/bin/env python3
"""W1: 1,000 personalised Pledges in one process (English, Arabic; PDF, DOCX) and one
Pledge as a whole process. Whole-process timings with /usr/bin/time -v, medians of
several runs; with --old, a previous build is timed too, its runs interleaved with this
build's so that load on the machine falls on both alike. Prints documents/s, ms per
document and peak RSS. Measures; asserts nothing."""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile

NAMES = ["Amani", "Bereket", "Dawit", "Farhad", "Hevi", "Karim", "Lina", "Mariam", "Nabil", "Rahel", "Sami", "Zainab"]


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS in MB, stderr)."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if r.returncode != 0:
        # quire's own messages come before time's report: show them, not the report's tail.
        own = r.stderr.split("\tCommand being timed")[0]
        raise SystemExit(f"failed (exit {r.returncode}): {' '.join(cmd)}\n{own[:4000]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    h, m, s = wall.groups()
    seconds = int(h or 0) * 3600 + int(m) * 60 + float(s)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    return seconds, rss_kb / 1024, r.stderr


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quire", default="build/quire")
    p.add_argument("--old", help="a previous build's quire, timed side by side (runs interleaved)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--skip-single", action="store_true", help="only the batches")
    args = p.parse_args()
    builds = [("this", args.quire)] + ([("old", args.old)] if args.old else [])
    tmp = tempfile.mkdtemp(prefix="quire-bench-")
    try:
        print(f"W1: {args.count} Pledges per run, {args.jobs} jobs, median of {args.runs} runs")
        print(f"{'build':6} {'workload':28} {'docs/s':>9} {'ms/doc':>8} {'wall s':>8} {'peak RSS MB':>12}")
        for locale in ("en-GB", "ar"):
            records = os.path.join(tmp, f"{locale}.jsonl")
            with open(records, "w", encoding="utf-8") as f:
                for i in range(args.count):
                    f.write(json.dumps({"id": f"p{i:05d}", "locale": locale,
                                        "child": {"first_name": NAMES[i % len(NAMES)] + str(i)},
                                        "council": {"name": "Northbridge City Council"},
                                        "issued": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                        "care_leaver": i % 3 == 0}, ensure_ascii=False) + "\n")
            for fmt in ("pdf", "docx"):
                walls = {name: [] for name, _ in builds}
                rss = {name: [] for name, _ in builds}
                for _ in range(args.runs):
                    for name, exe in builds:
                        out = os.path.join(tmp, "out")
                        shutil.rmtree(out, ignore_errors=True)
                        w, m, _ = timed([exe, "batch", "pledge", records, "-o", out, "--format", fmt,
                                         "--jobs", str(args.jobs)])
                        walls[name].append(w)
                        rss[name].append(m)
                for name, _ in builds:
                    wall = statistics.median(walls[name])
                    print(f"{name:6} {'batch ' + fmt + ' ' + locale:28} {args.count / wall:9.0f} "
                          f"{1000 * wall / args.count:8.3f} {wall:8.2f} {max(rss[name]):12.1f}", flush=True)
        if args.skip_single:
            return
        one = os.path.join(tmp, "one.json")
        with open(one, "w") as f:
            json.dump({"child": {"first_name": "Amani"}, "council": {"name": "Northbridge City Council"},
                       "issued": "2026-03-14"}, f)
        for locale in ("en-GB", "ar"):
            for fmt in ("pdf", "docx"):
                walls = {name: [] for name, _ in builds}
                rss = {name: [] for name, _ in builds}
                for _ in range(max(args.runs, 11)):
                    for name, exe in builds:
                        w, m, _ = timed([exe, "render", "pledge", one, "--locale", locale,
                                         "-o", os.path.join(tmp, f"one.{fmt}")])
                        walls[name].append(w)
                        rss[name].append(m)
                for name, _ in builds:
                    wall = statistics.median(walls[name])
                    print(f"{name:6} {'one process ' + fmt + ' ' + locale:28} {1 / wall:9.1f} {1000 * wall:8.1f} "
                          f"{wall:8.3f} {max(rss[name]):12.1f}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
