"""Every plan example (care-plan, pathway-plan, my-plan, my-pathway-plan) in English,
Arabic and Tigrinya, and bilingual in the record's own language: no page ends with a
heading or a heading's source line (pdftotext -bbox-layout: the last line above the footer
margin), no word is broken between letters for want of room (layout.word-too-wide), and no
glyph is missing."""
import glob
import json
import os
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET

from common import ROOT, XLIFF, Failures, parse_args, run

PLANS = ("care-plan", "pathway-plan", "my-plan", "my-pathway-plan")
args = parse_args()
t = Failures("plan_pages")

# The headings and source lines of the plan templates, in the three languages.
ids = set()
for plan in PLANS:
    for path in [os.path.join(ROOT, "templates", plan, "template.xml")] + glob.glob(
            os.path.join(ROOT, "templates", plan, "partials", "*.xml")):
        text = open(path, encoding="utf-8").read()
        for m in re.finditer(r'<(h[123])\b.*?</\1>|<p role="small" keep-with-next="true">.*?</p>', text, re.S):
            ids.update(re.findall(r'<t id="([^"]+)"', m.group(0)))
heads = set()
for tag in ("en-GB", "ar", "ti"):
    for unit in ET.parse(os.path.join(ROOT, "locales", tag, "messages.xlf")).iter(XLIFF + "trans-unit"):
        if unit.get("id") in ids:
            for kind in ("source", "target"):
                e = unit.find(XLIFF + kind)
                if e is not None and e.text:
                    heads.add(re.sub(r"[\s\u2066-\u2069]+", " ", re.sub(r"\{[^}]*\}", "", e.text)).strip())
heads = [h for h in heads if len(h) >= 4]
t.check(len(heads) > 40, f"found only {len(heads)} headings in the plan templates")


def norm(s):
    return re.sub(r"[\s\u2066-\u2069\u200e\u200f]+", " ", s).strip()


def is_heading(line):
    line = norm(line)
    return len(line) >= 4 and any(line in h or h[:25] in line for h in heads)


def pages_ending_in_headings(pdf, margin):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = list(root.iter(ns + "page"))

    def text(line):
        return " ".join(w.text or "" for w in line.iter(ns + "word"))

    # The header and footer: lines in the margins, and lines that come back on every page
    # (digits aside: "Page 2 of 5"). A footer of several lines (a bilingual one) reaches
    # above the margin, as in Word, and pushes the text up.
    def key(line):
        return re.sub(r"[\d\u1369-\u137c\u0660-\u0669\u06f0-\u06f9\s]+", " ", norm(text(line))).strip()

    keys = [{key(line) for line in page.iter(ns + "line")} for page in pages]
    repeated = set.intersection(*keys) if len(keys) > 1 else set()
    bad = []
    for n, page in enumerate(pages[:-1], 1):
        height = float(page.get("height"))
        lines = []
        for line in page.iter(ns + "line"):
            y0, y1 = float(line.get("yMin")), float(line.get("yMax"))
            if y0 < margin - 6 or y1 > height - margin + 1 or key(line) in repeated:
                continue  # the header and footer
            lines.append((y1, text(line)))
        if lines and is_heading(max(lines)[1]):
            bad.append(f"page {n}: {max(lines)[1]!r}")
    return bad


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    rendered = 0
    for plan in PLANS:
        for example in sorted(glob.glob(os.path.join(ROOT, "templates", plan, "examples", "*.json"))):
            language = (json.load(open(example, encoding="utf-8")).get("child") or {}).get("language") or "en-GB"
            runs = [[f"--locale={tag}"] for tag in ("en-GB", "ar", "ti")]
            if language != "en-GB":
                runs.append([f"--locale={language}", "--bilingual"])
            for extra in runs:
                name = f"{plan}/{os.path.basename(example)} {' '.join(extra)}"
                pdf = os.path.join(tmp, "out.pdf")
                r = run([args.quire, "render", plan, example, "-o", pdf] + extra)
                if not t.check(r.returncode == 0 and os.path.exists(pdf), f"{name}: exit {r.returncode} {r.stderr[-300:]}"):
                    continue
                rendered += 1
                for code in ("layout.word-too-wide", "text.no-font", "layout.overflow"):
                    t.check(code not in r.stderr, f"{name}: {code}: " + "; ".join(
                        l for l in r.stderr.splitlines() if code in l)[:300])
                bad = pages_ending_in_headings(pdf, margin=56.7)
                t.check(not bad, f"{name}: a page ends with a heading: {bad}")
    t.check(rendered >= 30, f"only {rendered} renders")
t.finish()
