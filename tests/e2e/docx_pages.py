"""PDF and DOCX agree on length: every shipped template's examples (templates/*/examples/*.json,
and examples/<name>/ folders with a template.xml and *.json records, where there are any) and a
letter of several pages (fixtures/long-letter: headings, lists, a table, boxes) are rendered in
English, Arabic and Tigrinya as PDF and as DOCX; LibreOffice converts the DOCX to PDF, and its
page count must be within one of quire's own PDF. Prints the table of counts.

The Word file's line heights, spaces, margins, cell and box padding come from the same style
sheet as layout's (docs/ARCHITECTURE.md, "PDF and DOCX agree"); a writer that drifted (looser
lines in one) shows here as pages, on the long letter first."""
import glob
import os
import re
import tempfile

from common import ROOT, Failures, docx_to_pdf, messages, parse_args, run, write_json

args = parse_args([("--locales", {"default": "en-GB,ar,ti"})])
t = Failures("docx.pages")
LOCALES = args.locales.split(",")
HERE = os.path.dirname(os.path.abspath(__file__))


def pages(pdf):
    m = re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout, re.M)
    return int(m.group(1)) if m else None


def filled(pdf, n):
    """Pages filled, as a fraction: n - 1 and how far down the last page the text reaches (its
    lowest line, the footer, left out). Printed, not asserted: drift shows here before it
    adds a page."""
    xml = run(["pdftotext", "-f", str(n), "-l", str(n), "-bbox-layout", pdf, "-"]).stdout
    page = re.search(r'<page width="[0-9.]+" height="([0-9.]+)"', xml)
    lines = sorted((float(a), float(b)) for a, b in re.findall(r'<line xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)"', xml))
    if not page or len(lines) < 2:
        return float(n)
    return n - 1 + max(b for _, b in lines[:-1]) / float(page.group(1))


def jobs():
    """(name, template folder or name, data file or None for the letter) of every case."""
    found = []
    for example in sorted(glob.glob(os.path.join(ROOT, "templates", "*", "examples", "*.json"))):
        folder = os.path.dirname(os.path.dirname(example))
        found.append((os.path.basename(folder) + "-" + os.path.splitext(os.path.basename(example))[0], folder, example))
    for folder in sorted(glob.glob(os.path.join(ROOT, "examples", "*"))):
        if not os.path.exists(os.path.join(folder, "template.xml")):
            continue
        records = sorted(glob.glob(os.path.join(folder, "*.json")) + glob.glob(os.path.join(folder, "examples", "*.json")))
        for record in records:
            if os.path.basename(record) == "schema.json":
                continue
            found.append(("examples-" + os.path.basename(folder) + "-" + os.path.splitext(os.path.basename(record))[0],
                          folder, record))
    if not any(f for f in found if f[1].startswith(os.path.join(ROOT, "examples"))):
        print("no examples/<name>/ folders: only the templates' examples and the letter")
    found.append(("long-letter", os.path.join(HERE, "fixtures", "long-letter"), None))
    return found


def letter_data(tag):
    """The letter's text from the locale's catalogue (its own translated sentences, so each
    script is set with real text), plain strings only (no placeholders)."""
    cat = messages(tag)

    def text(mid):
        s = cat.get(mid, ("", "", ""))
        v = s[1] or s[0]
        return v if v and "{" not in v and "<" not in v else None

    promises = ["home", "education", "health", "say", "family", "social_worker", "identity", "advocate", "story",
                "enjoy"]
    leaving = ["pathway", "adviser", "home", "money", "immigration"]
    titles = [text(f"pledge.promise.{p}.title") for p in promises] + [text(f"pledge.leaving.{p}.title") for p in leaving]
    bodies = [text(f"pledge.promise.{p}.body") for p in promises] + [text(f"pledge.leaving.{p}.body") for p in leaving]
    titles = [x for x in titles if x]
    bodies = [x for x in bodies if x]
    parts = []
    for i in range(3):
        b = bodies[i * 4:] + bodies[:i * 4]
        parts.append({
            "heading": titles[i % len(titles)],
            "paragraphs": [" ".join(b[0:3]), " ".join(b[3:5]), " ".join(b[5:9]), " ".join(b[9:11])],
            "list_heading": titles[(i + 5) % len(titles)],
            "items": b[11:15],
            "columns": [titles[(i + 1) % len(titles)], titles[(i + 2) % len(titles)], titles[(i + 3) % len(titles)]],
            "rows": [[titles[(i + k) % len(titles)], b[k], b[k + 1]] for k in range(4)],
            "box_heading": titles[(i + 7) % len(titles)],
            "box_text": " ".join(b[2:4]),
            "notice": text("pledge.closing") or b[0],
            "small": b[6],
        })
    return {"title": text("pledge.title") or "Letter", "lead": " ".join(bodies[0:2]), "parts": parts,
            "contact": text("pledge.contacts.heading") or "Contact"}


rows = []
with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    docx_files, cases = [], []
    for name, template, record in jobs():
        for tag in LOCALES:
            data = record
            if data is None:
                data = os.path.join(tmp, f"{name}.{tag}.json")
                write_json(data, letter_data(tag))
            stem = f"{name}.{tag}"
            pdf, docx = os.path.join(tmp, stem + ".pdf"), os.path.join(tmp, stem + ".docx")
            ok = True
            for out in (pdf, docx):
                r = run([args.quire, "render", template, data, "--locale", tag, "-o", out])
                ok &= t.check(r.returncode == 0 and os.path.exists(out), f"{os.path.basename(out)}: exit {r.returncode} {r.stderr}")
            if ok:
                cases.append((stem, pdf, docx))
                docx_files.append(docx)
    lo_dir = os.path.join(tmp, "lo")
    os.makedirs(lo_dir)
    converted = docx_to_pdf(docx_files, lo_dir) if docx_files else {}
    if os.environ.get("QUIRE_KEEP"):  # keep the files to look at: QUIRE_KEEP=/some/folder
        import shutil
        shutil.copytree(tmp, os.environ["QUIRE_KEEP"], dirs_exist_ok=True)
    print(f"{'document':34} {'PDF':>4} {'DOCX':>5} {'diff':>5}   filled: {'PDF':>5} {'DOCX':>5} {'diff':>6}")
    for stem, pdf, docx in cases:
        lo = converted.get(docx)
        if not t.check(lo is not None, f"LibreOffice could not convert {stem}.docx"):
            continue
        a, b = pages(pdf), pages(lo)
        if a is None or b is None:
            t.check(False, f"{stem}: no page count ({a}, {b})")
            continue
        fa, fb = filled(pdf, a), filled(lo, b)
        print(f"{stem:34} {a:>4} {b:>5} {b - a:>+5}   filled: {fa:5.2f} {fb:5.2f} {fb - fa:>+6.2f}")
        t.check(abs(a - b) <= 1,
                f"{stem}: quire's PDF has {a} pages, LibreOffice's PDF of the DOCX {b}")
    t.check(len(cases) > 0, "nothing rendered")
t.finish()
