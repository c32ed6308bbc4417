"""quire batch: one document per record, per-record locale, a failed record reported
while the rest still render, a summary line, non-zero exit when any failed."""
import json
import os
import tempfile
import zipfile

from common import Failures, parse_args, pdf_info, run

args = parse_args()
t = Failures("batch")
records = [
    {"id": "amani", "child": {"first_name": "Amani"}, "council": {"name": "Northbridge"}, "issued": "2026-01-05",
     "locale": "ar"},
    {"id": "bereket", "child": {"first_name": "Bereket"}, "council": {"name": "Northbridge"}, "issued": "2026-01-05",
     "locale": "ti", "care_leaver": True},
    {"id": "broken", "child": {}, "council": {"name": "Northbridge"}, "issued": "2026-01-05"},
    {"id": "sam", "child": {"first_name": "Sam"}, "council": {"name": "Northbridge"}, "issued": "2026-01-05"},
]
with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    jsonl = os.path.join(tmp, "records.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    outdir = os.path.join(tmp, "out")
    r = run([args.quire, "batch", "pledge", jsonl, "-o", outdir, "--jobs", "2"])
    t.check(r.returncode == 3, f"exit {r.returncode} (a record has invalid data)")
    t.check("records.jsonl:3" in r.stderr and "#/child" in r.stderr, f"failed record not reported: {r.stderr!r}")
    t.check("batch: 3 rendered, 1 failed, 4 records" in r.stderr, f"summary line: {r.stderr!r}")
    made = sorted(os.listdir(outdir)) if os.path.isdir(outdir) else []
    t.check(made == ["amani.pdf", "bereket.pdf", "sam.pdf"], f"outputs {made}")
    if "amani.pdf" in made:
        t.check(pdf_info(os.path.join(outdir, "amani.pdf")).get("Tagged") == "yes", "batch PDF not tagged")
    # DOCX batch of the good records only.
    good = os.path.join(tmp, "good.jsonl")
    with open(good, "w", encoding="utf-8") as f:
        for rec in records:
            if rec["id"] != "broken":
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    r = run([args.quire, "batch", "pledge", good, "-o", os.path.join(tmp, "docx"), "--format", "docx"])
    t.check(r.returncode == 0, f"docx batch exit {r.returncode}: {r.stderr!r}")
    t.check(len(os.listdir(os.path.join(tmp, "docx"))) == 3, "docx batch outputs")
    # Two English records in one process (--jobs 1): the writer reuses the parts documents
    # share (style sheet, settings, fonts), never one child's name or date in another's file.
    pair = os.path.join(tmp, "pair.jsonl")
    with open(pair, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "lina", "child": {"first_name": "Lina"}, "council": {"name": "Northbridge"},
                            "issued": "2026-02-03"}) + "\n")
        f.write(json.dumps({"id": "karim", "child": {"first_name": "Karim"}, "council": {"name": "Northbridge"},
                            "issued": "2026-11-27"}) + "\n")
    r = run([args.quire, "batch", "pledge", pair, "-o", os.path.join(tmp, "pair"), "--format", "docx", "--jobs", "1"])
    t.check(r.returncode == 0, f"docx pair exit {r.returncode}: {r.stderr!r}")
    own = {"lina": ("Lina", "3 February 2026"), "karim": ("Karim", "27 November 2026")}
    for stem, (name, date) in own.items():
        path = os.path.join(tmp, "pair", stem + ".docx")
        if not os.path.exists(path):
            t.check(False, f"{stem}.docx not written")
            continue
        with zipfile.ZipFile(path) as z:
            t.check(z.testzip() is None, f"{stem}.docx: a part fails its CRC")
            body = z.read("word/document.xml").decode("utf-8")
        t.check(name in body and date in body, f"{stem}.docx lacks its own name or date")
        for other, (other_name, other_date) in own.items():
            if other != stem:
                t.check(other_name not in body and other_date not in body, f"{stem}.docx holds {other}'s name or date")
t.finish()
