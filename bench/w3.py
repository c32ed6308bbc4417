#!/usr/bin/env python3
"""W3: 1,000 different pathway plans (4-6 pages each) in one process, one core (--jobs 1),
as PDF and as DOCX. The records are generated from the shipped examples (seeded: every run
and every build renders the same text): names, dates, needs, actions and views vary from
plan to plan, so nothing is rendered twice. Whole-process timings with /usr/bin/time -v,
medians of several runs; with --old, a previous build side by side (runs interleaved).
Prints plans/s, pages per plan and peak RSS. Measures; asserts nothing."""
import argparse
import copy
import json
import os
import random
import shutil
import statistics
import subprocess
import tempfile

from w1 import timed

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EXAMPLES = os.path.join(ROOT, "templates", "pathway-plan", "examples")
FIRST = ["Jordan", "Filmon", "Amanuel", "Leila", "Tomasz", "Grace", "Yusuf", "Rahel", "Callum", "Hevi", "Mariam", "Sami"]
LAST = ["Reid", "Tesfay", "Gebre", "Hassan", "Nowak", "Mensah", "Karim", "Haile", "Price", "Ahmadi", "Rahman", "Okafor"]
MORE = ["We agreed to check this again at the next visit.", "Progress since the last review has been steady.",
        "The young person asked for more help with this and it was agreed.", "A referral has been made and accepted.",
        "This was discussed with the personal adviser and the college.", "Nothing has changed since the last plan."]


def plan(base, i, rng):
    r = copy.deepcopy(base)
    r["id"] = f"pp{i:05d}"
    r["child"]["first_name"] = FIRST[i % len(FIRST)]
    r["child"]["last_name"] = LAST[(i * 7) % len(LAST)] + f"-{i}"
    r["child"]["date_of_birth"] = f"{2006 + i % 4}-{1 + i % 12:02d}-{1 + i % 27:02d}"
    for a in r.get("areas", []):
        if a.get("needs"):
            a["needs"] += " " + " ".join(rng.sample(MORE, rng.randint(1, 3)))
        for x in a.get("actions", []):
            x["what"] += f" (step {rng.randint(1, 9)})"
    return r


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(next(l.split()[-1] for l in out.splitlines() if l.startswith("Pages:")))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quire", default="build/quire")
    p.add_argument("--old", help="a previous build's quire, timed side by side (runs interleaved)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--count", type=int, default=1000)
    args = p.parse_args()
    builds = [("this", args.quire)] + ([("old", args.old)] if args.old else [])
    bases = [json.load(open(os.path.join(EXAMPLES, f), encoding="utf-8")) for f in sorted(os.listdir(EXAMPLES))]
    bases = [b for b in bases if not b.get("locale")] or bases  # English plans (a record's own locale aside)
    rng = random.Random(3)
    tmp = tempfile.mkdtemp(prefix="quire-w3-")
    try:
        records = os.path.join(tmp, "plans.jsonl")
        with open(records, "w", encoding="utf-8") as f:
            for i in range(args.count):
                f.write(json.dumps(plan(bases[i % len(bases)], i, rng), ensure_ascii=False) + "\n")
        print(f"W3: {args.count} pathway plans per run, 1 job (one core), median of {args.runs} runs")
        print(f"{'build':6} {'format':6} {'plans/s':>8} {'ms/plan':>8} {'wall s':>8} {'pages/plan':>10} {'peak RSS MB':>12}")
        for fmt in ("pdf", "docx"):
            walls = {name: [] for name, _ in builds}
            rss = {name: [] for name, _ in builds}
            per_plan = {}
            for _ in range(args.runs):
                for name, exe in builds:
                    out = os.path.join(tmp, "out-" + name)
                    shutil.rmtree(out, ignore_errors=True)
                    w, m, _ = timed([exe, "batch", "pathway-plan", records, "-o", out, "--format", fmt, "--jobs", "1"])
                    walls[name].append(w)
                    rss[name].append(m)
                    if fmt == "pdf" and name not in per_plan:
                        files = sorted(os.listdir(out))[:20]
                        per_plan[name] = statistics.mean(pages(os.path.join(out, x)) for x in files)
            for name, _ in builds:
                wall = statistics.median(walls[name])
                pp = f"{per_plan[name]:10.1f}" if name in per_plan else f"{'':10}"
                print(f"{name:6} {fmt:6} {args.count / wall:8.0f} {1000 * wall / args.count:8.2f} {wall:8.2f} {pp} "
                      f"{max(rss[name]):12.1f}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
