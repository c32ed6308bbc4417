"""Every name, every script: a child's name in any script an installed font covers renders and
comes back from the PDF's text layer; a character no installed font covers stops the render
(exit 3, the data value's JSON pointer, no file) unless --allow-missing-glyphs; a locale written
as people write it (ar-SA) resolves to the closest shipped catalogue."""
import os
import tempfile
import unicodedata

from common import Failures, parse_args, pdf_fonts, pdf_text, run, squash, write_json

args = parse_args()
t = Failures("names")

NAMES = {
    "devanagari": "अमीना",
    "mixed": "Amina أمينة अमीना",
    "emoji": "Amina 🧑",
    "tifinagh": "ⵜⴰⵎⴰⵣⵉⵖⵜ",
    "ethiopic+latin": "ሰላም Selam",
}
UNCOVERED = "\U0010FFFD"  # Supplementary Private Use Area-B: no installed font maps it


def data(name, tmp, stem):
    path = os.path.join(tmp, f"{stem}.json")
    write_json(path, {"child": {"first_name": name}, "council": {"name": "Northbridge City Council"},
                      "issued": "2026-03-14", "care_leaver": False})
    return path


def words(name):
    return [w for w in unicodedata.normalize("NFC", name).split() if w]


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    for stem, name in NAMES.items():
        for fmt in ("pdf", "docx"):
            out = os.path.join(tmp, f"{stem}.{fmt}")
            r = run([args.quire, "render", "pledge", data(name, tmp, stem), "-o", out])
            t.check(r.returncode == 0, f"{stem}.{fmt}: exit {r.returncode}: {r.stderr}")
            t.check("no-font" not in r.stderr, f"{stem}.{fmt}: {r.stderr}")
            t.check(os.path.exists(out), f"{stem}.{fmt}: no file")
        pdf = os.path.join(tmp, f"{stem}.pdf")
        if os.path.exists(pdf):
            text = squash(pdf_text(pdf))
            for w in words(name):
                t.check(squash(w) in text, f"{stem}: {w!r} not in the PDF's text")
            for f in pdf_fonts(pdf):
                t.check(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes", f"{stem}: font {f}")

    # A character no installed font has: exit 3, the pointer, the code point, no file; PDF and DOCX.
    missing = data("Amina" + UNCOVERED, tmp, "missing")
    for fmt in ("pdf", "docx"):
        out = os.path.join(tmp, f"missing.{fmt}")
        r = run([args.quire, "render", "pledge", missing, "-o", out])
        t.check(r.returncode == 3, f"missing.{fmt}: exit {r.returncode}, want 3: {r.stderr}")
        t.check("missing.json#/child/first_name" in r.stderr and "error[text.no-font]" in r.stderr,
                f"missing.{fmt}: no pointer in {r.stderr!r}")
        t.check("U+10FFFD" in r.stderr, f"missing.{fmt}: no code point in {r.stderr!r}")
        t.check(not os.path.exists(out), f"missing.{fmt}: a file was written")
        r = run([args.quire, "render", "pledge", missing, "--strict", "-o", out])
        t.check(r.returncode == 3 and not os.path.exists(out), f"missing.{fmt} --strict: exit {r.returncode}")
        # ...and with --allow-missing-glyphs: a file, a warning, the rest of the name kept.
        r = run([args.quire, "render", "pledge", missing, "--allow-missing-glyphs", "-o", out])
        t.check(r.returncode == 0, f"missing.{fmt} --allow-missing-glyphs: exit {r.returncode}: {r.stderr}")
        t.check("warning[text.no-font]" in r.stderr, f"missing.{fmt}: no warning in {r.stderr!r}")
        t.check(os.path.exists(out), f"missing.{fmt} --allow-missing-glyphs: no file")
    if os.path.exists(os.path.join(tmp, "missing.pdf")):
        text = pdf_text(os.path.join(tmp, "missing.pdf"))
        t.check("Amina" in text, "missing: the covered part of the name is lost")
        # drawn as U+FFFD's glyph, but the text layer keeps the character itself
        t.check("Amina" + UNCOVERED in text, f"missing: the text layer lost {UNCOVERED!a}")

    # Locales as people write them.
    plain = data("Amani", tmp, "plain")
    for asked, want, probe in (("ar-SA", "ar", "\u0627"), ("zh-CN", "zh-Hans", "\u7684"), ("fa-AF", "prs", "\u0627")):
        out = os.path.join(tmp, f"{asked}.pdf")
        r = run([args.quire, "render", "pledge", plain, "--locale", asked, "-o", out])
        t.check(r.returncode == 0, f"{asked}: exit {r.returncode}: {r.stderr}")
        t.check(f"rendering in {want} " in r.stderr, f"{asked}: the chosen locale is not reported: {r.stderr!r}")
        if os.path.exists(out):
            t.check(any(unicodedata.name(c, "").startswith(("ARABIC", "CJK")) for c in pdf_text(out)),
                    f"{asked}: no {want} text in the PDF")
    r = run([args.quire, "render", "pledge", plain, "--locale", "zh-TW", "-o", os.path.join(tmp, "tw.pdf")])
    t.check(r.returncode == 2 and "zh-Hans" in r.stderr, f"zh-TW: exit {r.returncode}, want 2 listing locales: {r.stderr}")

t.finish()
