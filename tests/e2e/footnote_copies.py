"""Footnote marks end to end: a letter with two footnotes and a copy for the carer. Each
copy's notes are numbered from 1 again, in the locale's digits, marker and note alike; with
--libreoffice, the DOCX converted by LibreOffice says the same (the marks Word would number
otherwise are written into the file)."""
import os
import re
import tempfile

from common import Failures, docx_to_pdf, parse_args, pdf_info, run

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"

args = parse_args([("--locale", {"default": "en-GB"}), ("--libreoffice", {"action": "store_true"})])
t = Failures(f"footnote_copies.{args.locale}{'.libreoffice' if args.libreoffice else ''}")
digits = ARABIC_INDIC if args.locale == "ar" else "0123456789"

TEMPLATE = """<document title="Letter">
  <section>
    <p>Your review is soon<footnote>The date is in the invitation.</footnote> and your
    carer is invited<footnote>Ask your social worker if you would rather they were not.</footnote>.</p>
  </section>
  <copy for="the carer"/>
</document>
"""


def note_marks(pdf, page):
    """The marks in front of the page's two notes, as ASCII digits, top to bottom."""
    text = run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-layout", pdf, "-"]).stdout
    found = []
    lines = [line for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        for words in ("invitation", "rather"):
            if words in line:
                # LibreOffice's mark may come out on a line of its own, just above the note.
                if not any(c in digits for c in line) and i > 0 and lines[i - 1].strip().isdigit():
                    line = lines[i - 1] + line
                mark = "".join(c for c in line if c in digits)
                t.check(not any(c.isdigit() and c not in digits for c in line), f"page {page}: other digits {line!r}")
                found.append("".join(str(digits.index(c)) for c in mark))
    return found, text


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    folder = os.path.join(tmp, "letter")
    os.makedirs(folder)
    with open(os.path.join(folder, "template.xml"), "w", encoding="utf-8") as f:
        f.write(TEMPLATE)
    data = os.path.join(tmp, "data.json")
    with open(data, "w") as f:
        f.write("{}")
    out = os.path.join(tmp, "letter.docx" if args.libreoffice else "letter.pdf")
    r = run([args.quire, "render", folder, data, "--locale", args.locale, "-o", out])
    if t.check(r.returncode == 0 and os.path.exists(out), f"exit {r.returncode} {r.stderr}"):
        pdf = docx_to_pdf([out], tmp)[out] if args.libreoffice else out
        if t.check(pdf is not None, "LibreOffice could not convert the DOCX"):
            pages = int(pdf_info(pdf).get("Pages", "0"))
            t.check(pages == 2, f"{pages} pages, not 2")
            for page in range(1, pages + 1):
                marks, text = note_marks(pdf, page)
                t.check(marks == ["1", "2"], f"page {page}: note marks {marks!r}, want ['1', '2']:\n{text}")
t.finish()
