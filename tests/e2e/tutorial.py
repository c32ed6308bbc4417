"""The tutorial of docs/TEMPLATES.md, done exactly as written (issue 10): every file it shows
is written, every command it shows is run, in order, in an empty folder outside the
repository, with quire's own templates and catalogues in a copy that must not change. What it
says a document shows is checked in the PDF's text. The translator's step is played by filling
the exported XLIFF from the shipped example's Arabic catalogue. At the end the folder the
tutorial built must be the shipped examples/review-invite/, file for file, so the guide and the
example cannot drift apart.

Markers in the guide (HTML comments, invisible on the page):
  <!-- tutorial-file: PATH -->        the next code block is the whole of PATH
  <!-- tutorial-run -->               the next code block's lines are commands (must succeed)
  <!-- tutorial-pdf-text: PDF | TEXT -->   pdftotext of PDF contains TEXT
  <!-- tutorial-translator: XLIFF | TAG -->  a translator fills XLIFF's targets
"""
import os
import re
import shlex
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

from common import ROOT, XLIFF, Failures, parse_args, pdf_text, run, squash, tree_hash

args = parse_args()
t = Failures("tutorial")
QUIRE = os.path.abspath(args.quire)
GUIDE = os.path.join(ROOT, "docs", "TEMPLATES.md")
SHIPPED = os.path.join(ROOT, "examples", "review-invite")


def steps(markdown):
    """(kind, argument, code block or None) for each marker, in order."""
    lines = markdown.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = re.match(r"<!-- tutorial-([a-z-]+)(?::\s*(.*?))? -->$", lines[i].strip())
        i += 1
        if not m:
            continue
        kind, arg = m.group(1), (m.group(2) or "").strip()
        block = None
        if kind in ("file", "run"):
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
            start = i + 1
            i = start
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
            block = "\n".join(lines[start:i]) + "\n"
            i += 1
        out.append((kind, arg, block))
    return out


def fill_targets(xliff_path, tag):
    """The translator: each unit gets the shipped example's translation of the same id."""
    shipped = {}
    ET.register_namespace("", XLIFF[1:-1])
    cat = os.path.join(SHIPPED, "locales", tag, "messages.xlf")
    for unit in ET.parse(cat).iter(XLIFF + "trans-unit"):
        target = unit.find(XLIFF + "target")
        if target is not None:
            shipped[unit.get("id")] = target
    tree = ET.parse(xliff_path)
    filled = 0
    for unit in tree.iter(XLIFF + "trans-unit"):
        done = shipped.get(unit.get("id"))
        if done is None:
            continue
        old = unit.find(XLIFF + "target")
        if old is not None:
            unit.remove(old)
        new = ET.SubElement(unit, XLIFF + "target", {"state": "translated"})
        new.text, new.tail = done.text, None
        for child in done:
            new.append(child)
        filled += 1
    tree.write(xliff_path, encoding="UTF-8", xml_declaration=True)
    return filled


with open(GUIDE, encoding="utf-8") as f:
    guide = f.read()
plan = steps(guide)
t.check(len([s for s in plan if s[0] == "run"]) >= 4, f"the guide has a tutorial ({len(plan)} steps found)")

home = tempfile.mkdtemp(prefix="quire-tutorial-home-")
work = tempfile.mkdtemp(prefix="quire-tutorial-")
try:
    for folder in ("templates", "locales", "examples"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(home, folder))
    before = {f: tree_hash(os.path.join(home, f)) for f in ("templates", "locales")}
    env = dict(os.environ, QUIRE_HOME=home, SOURCE_DATE_EPOCH="1780000000")
    for kind, arg, block in plan:
        if kind == "file":
            path = os.path.join(work, arg)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(block)
        elif kind == "run":
            for line in block.splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                words = shlex.split(line)
                if words[0] == "quire":
                    words[0] = QUIRE
                r = run(words, cwd=work, env=env)
                t.check(r.returncode == 0, f"`{line}` exits 0 (got {r.returncode}): {r.stderr.strip()[:600]}")
        elif kind == "pdf-text":
            pdf, _, text = (p.strip() for p in arg.partition("|"))
            path = os.path.join(work, pdf)
            shown = pdf_text(path) if os.path.exists(path) else ""
            t.check(squash(text) in squash(shown), f"{pdf} says {text!r} (it says {shown[:300]!r})")
        elif kind == "translator":
            xliff, _, tag = (p.strip() for p in arg.partition("|"))
            path = os.path.join(work, xliff)
            filled = fill_targets(path, tag) if os.path.exists(path) else 0
            t.check(filled >= 10, f"the translator filled {filled} strings of {xliff}")
        else:
            t.check(False, f"unknown tutorial marker {kind}")

    built = os.path.join(work, "review-invite")
    for folder, _, files in os.walk(SHIPPED):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), SHIPPED)
            mine = os.path.join(built, rel)
            same = os.path.exists(mine) and open(mine, "rb").read() == open(os.path.join(SHIPPED, rel), "rb").read()
            t.check(same, f"the tutorial builds examples/review-invite/{rel} as shipped")
    for folder, _, files in os.walk(built):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), built)
            t.check(os.path.exists(os.path.join(SHIPPED, rel)), f"examples/review-invite/ ships {rel}, as the tutorial makes it")
    for f, digest in before.items():
        t.check(tree_hash(os.path.join(home, f)) == digest, f"quire's own {f}/ is unchanged")
finally:
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
t.finish()
