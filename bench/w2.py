#!/usr/bin/env python3
"""W2, the long report: a committee-style performance report of 60-100 pages (numbered
headings, numbered paragraphs, lists, tables with RAG cells, line charts, footnotes,
contents and cross-references) rendered as PDF and DOCX by whole `quire render`
processes, by this build and optionally by a previous one side by side. Medians of
several runs; measures, asserts nothing. The record is generated (seeded, so every run
and every build renders the same text)."""
import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "w2")

SUBJECTS = ["the service", "the council", "the team", "each social worker", "the independent reviewing officer",
            "the virtual school", "the fostering panel", "the leaving care service", "the board", "partners"]
VERBS = ["reviewed", "improved", "sustained", "monitored", "strengthened", "audited", "reported on", "extended",
         "commissioned", "completed"]
OBJECTS = ["the timeliness of statutory visits", "the quality of care plans", "placement stability",
           "the voice of children in their reviews", "health assessments", "personal education plans",
           "support for care leavers", "the recruitment of foster carers", "supervision of practitioners",
           "the use of advocacy", "contact with brothers and sisters", "the sufficiency of local homes"]
CLAUSES = ["over the year to March", "in every locality", "with the help of the Children in Care Council",
           "despite pressure on the budget", "in line with the improvement plan", "as the inspection recommended",
           "for children placed out of the area", "for unaccompanied children seeking asylum",
           "compared with statistical neighbours", "so that fewer children wait"]
ENDINGS = ["This remains a priority for next year.", "Further work is planned with schools.",
           "The audit found good practice and some gaps.", "Children told us this made a difference.",
           "Performance is now above the national average.", "The trend is improving but uneven.",
           "A task group will report back in the autumn.", "Managers check this every month."]
CHAPTERS = ["Children in care", "Placements and sufficiency", "Health and wellbeing", "Education and the virtual school",
            "Participation and the voice of the child", "Care leavers", "Fostering and adoption", "The workforce",
            "Quality assurance", "Finance and commissioning", "Partnerships", "Early help", "Youth justice",
            "Disabled children", "Complaints and compliments", "Priorities for next year"]


def sentence(rng):
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}"
    return s[0].upper() + s[1:] + "."


def paragraph(rng, n):
    return " ".join([sentence(rng) for _ in range(n)] + [rng.choice(ENDINGS)])


def record(chapters=16, seed=8):
    rng = random.Random(seed)
    quarters = ["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024", "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    out = {"title": "Children's Services Annual Performance Report 2025/26", "council": {"name": "Northbridge City Council"},
           "committee": "Corporate Parenting Committee", "meeting": "2026-06-18",
           "summary": paragraph(rng, 4),
           "author": {"name": "Ruth Okafor", "role": "Director of Children's Services",
                      "email": "ruth.okafor@northbridge.example", "phone": "01632 960 412"},
           "wards": ["All wards"], "quarters": ", ".join(quarters), "chapters": [],
           "papers": [f"{c} ({2020 + i % 6})" for i, c in enumerate(CHAPTERS)]}
    for c in range(chapters):
        title = CHAPTERS[c % len(CHAPTERS)]
        ch = {"id": f"ch{c + 1}", "title": title, "intro": paragraph(rng, 3), "sections": [],
              "recommendations": [paragraph(rng, 1) for _ in range(3)]}
        for s in range(4):
            sec = {"title": f"{rng.choice(OBJECTS).capitalize()} ({c + 1}.{s + 1})",
                   "paragraphs": [paragraph(rng, rng.randint(3, 6)) for _ in range(rng.randint(4, 6))]}
            if s % 2 == 0:
                sec["bullets"] = [sentence(rng) for _ in range(4)]
                sec["note"] = "Source: the service's case management system, " + rng.choice(quarters) + "."
            if s % 2 == 1:
                sec["measures"] = []
                for m in range(6):
                    target = rng.randint(50, 95)
                    now = target + rng.randint(-15, 10)
                    rag = "green" if now >= target else "amber" if now >= target - 5 else "red"
                    sec["measures"].append({"name": rng.choice(OBJECTS).capitalize() + " (%)", "target": target,
                                            "last": now + rng.randint(-6, 6), "now": now, "rag": rag,
                                            "status": {"green": "On track", "amber": "Close to target",
                                                       "red": "Below target"}[rag]})
            if s == 3:
                base = rng.randint(55, 80)
                sec["trend"] = [base + rng.randint(-5, 8) + i for i in range(8)]
                sec["neighbours"] = [base + rng.randint(-3, 3) for _ in range(8)]
                sec["trend_alt"] = "A line chart of eight quarters: this council rises, its neighbours stay level."
            ch["sections"].append(sec)
        out["chapters"].append(ch)
    return out


def timed(cmd):
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    h, m, s = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)",
                        r.stderr).groups()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) / 1024
    return int(h or 0) * 3600 + int(m) * 60 + float(s), rss


def pages(path):
    if path.endswith(".pdf"):
        r = subprocess.run(["pdfinfo", path], capture_output=True, text=True)
        m = re.search(r"^Pages:\s+(\d+)", r.stdout, re.M)
        return m.group(1) if m else "?"
    return "-"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--quire", default="build/quire")
    p.add_argument("--old", help="a previous build's quire, timed side by side")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--chapters", type=int, default=16)
    p.add_argument("--write-data", help="only write the record to this file")
    args = p.parse_args()
    if args.write_data:
        with open(args.write_data, "w", encoding="utf-8") as f:
            json.dump(record(args.chapters), f, indent=1)
        return
    tmp = tempfile.mkdtemp(prefix="quire-w2-")
    try:
        data = os.path.join(tmp, "report.json")
        with open(data, "w", encoding="utf-8") as f:
            json.dump(record(args.chapters), f)
        builds = [("this", args.quire)] + ([("old", args.old)] if args.old else [])
        print(f"W2: the long report ({args.chapters} chapters), median of {args.runs} whole-process runs")
        print(f"{'build':6} {'format':6} {'pages':>6} {'median s':>9} {'min s':>7} {'peak RSS MB':>12}")
        for fmt in ("pdf", "docx"):
            walls = {name: [] for name, _ in builds}
            rss = {name: [] for name, _ in builds}
            for _ in range(args.runs):  # interleaved, so load on the machine hits both alike
                for name, exe in builds:
                    out = os.path.join(tmp, f"{name}.{fmt}")
                    w, m = timed([exe, "render", TEMPLATE, data, "-o", out])
                    walls[name].append(w)
                    rss[name].append(m)
            for name, _ in builds:
                print(f"{name:6} {fmt:6} {pages(os.path.join(tmp, f'{name}.{fmt}')):>6} "
                      f"{statistics.median(walls[name]):9.3f} {min(walls[name]):7.3f} {max(rss[name]):12.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
