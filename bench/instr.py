#!/usr/bin/env python3
"""Instructions per document, counted by valgrind (callgrind), for this build and
optionally a previous one: load-independent, so builds can be compared on a busy machine.
W1: `quire batch pledge` over N+1 records minus the same over 1 record, divided by N
(care-leaver variant for every third record). W2: one `quire render` of the long report
minus a render of a one-paragraph document (startup). Measures; asserts nothing."""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile

import w2

NAMES = ["Amani", "Bereket", "Dawit", "Farhad", "Hevi", "Karim", "Lina", "Mariam", "Nabil", "Rahel", "Sami", "Zainab"]


def instructions(cmd, tmp):
    out = os.path.join(tmp, "callgrind.out")
    r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + cmd,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return int(re.search(r"Collected : (\d+)", r.stderr).group(1))


def records(path, locale, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"p{i:05d}", "locale": locale,
                                "child": {"first_name": NAMES[i % len(NAMES)] + str(i)},
                                "council": {"name": "Northbridge City Council"},
                                "issued": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                "care_leaver": i % 3 == 0}, ensure_ascii=False) + "\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quire", default="build/quire")
    p.add_argument("--old", help="a previous build's quire")
    p.add_argument("--records", type=int, default=40)
    p.add_argument("--locales", default="en-GB,ar")
    p.add_argument("--skip-w2", action="store_true")
    p.add_argument("--formats", default="pdf,docx", help="which writers to count, e.g. docx")
    args = p.parse_args()
    builds = [("this", args.quire)] + ([("old", args.old)] if args.old else [])
    tmp = tempfile.mkdtemp(prefix="quire-instr-")
    try:
        print(f"{'build':6} {'workload':24} {'M instr/doc':>12}")
        for locale in args.locales.split(","):
            one, many = os.path.join(tmp, "one.jsonl"), os.path.join(tmp, "many.jsonl")
            records(one, locale, 1)
            records(many, locale, args.records + 1)
            for fmt in args.formats.split(","):
                for name, exe in builds:
                    counts = []
                    for recs in (many, one):
                        out = os.path.join(tmp, "out")
                        shutil.rmtree(out, ignore_errors=True)
                        counts.append(instructions([exe, "batch", "pledge", recs, "-o", out, "--format", fmt,
                                                    "--jobs", "1"], tmp))
                    print(f"{name:6} {'W1 ' + fmt + ' ' + locale:24} {(counts[0] - counts[1]) / args.records / 1e6:12.2f}",
                          flush=True)
        if args.skip_w2:
            return
        data = os.path.join(tmp, "report.json")
        with open(data, "w", encoding="utf-8") as f:
            json.dump(w2.record(), f)
        tiny = os.path.join(tmp, "tiny")
        os.makedirs(tiny)
        with open(os.path.join(tiny, "template.xml"), "w") as f:
            f.write('<document><section><p>{{ title }}</p></section></document>')
        for fmt in args.formats.split(","):
            for name, exe in builds:
                full = instructions([exe, "render", w2.TEMPLATE, data, "-o", os.path.join(tmp, f"w2.{fmt}")], tmp)
                base = instructions([exe, "render", tiny, data, "-o", os.path.join(tmp, f"tiny.{fmt}")], tmp)
                print(f"{name:6} {'W2 ' + fmt:24} {(full - base) / 1e6:12.2f}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
