"""The bilingual Pledge: the child's language and English side by side, both
complete, each column in its own direction (PDF, or DOCX through LibreOffice)."""
import os
import unicodedata
import tempfile

from common import Failures, docx_to_text, letters, messages, parse_args, pdf_info, pdf_text, run, squash, write_json

args = parse_args([("--locale", {"required": True}), ("--format", {"choices": ["pdf", "docx"], "required": True})])
tag, fmt = args.locale, args.format
t = Failures(f"bilingual.{fmt}.{tag}")
theirs, english = messages(tag), messages("en-GB")
def only_letters(text):
    """letters() without punctuation, which pdftotext moves about on right-to-left lines."""
    return "".join(c for c in letters(text) if unicodedata.category(c)[0] in "LN")


RTL = {"ar", "prs", "fa", "ps", "ckb", "ur"}
PAIRED = ["pledge.title", "pledge.promise.education.title", "pledge.promise.home.title", "pledge.promise.enjoy.body",
          "pledge.closing"]

with tempfile.TemporaryDirectory(prefix="quire-e2e-bi-") as tmp:
    data = os.path.join(tmp, "child.json")
    write_json(data, {"child": {"first_name": "Amani"}, "council": {"name": "Northbridge City Council"},
                      "issued": "2026-03-14"})
    out = os.path.join(tmp, f"bilingual.{fmt}")
    r = run([args.quire, "render", "pledge", data, "--locale", tag, "--bilingual", "-o", out])
    t.check(r.returncode == 0 and os.path.exists(out), f"render exit {r.returncode}: {r.stderr}")
    raw = None
    if fmt == "pdf" and os.path.exists(out):
        t.check(run(["qpdf", "--check", out]).returncode == 0, "qpdf --check failed")
        t.check(pdf_info(out).get("Tagged") == "yes", "not tagged")
        raw = pdf_text(out)
        # The English column's footer is in English digits, whatever the other language's
        # ("Page 1 of 2", never "Page ١ of ٢"): one per page, numbered in order.
        import re
        pages = int(pdf_info(out).get("Pages", "0"))
        footers = re.findall(r"Page (\S+) of (\S+)", re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", raw))
        t.check(footers == [(str(i), str(pages)) for i in range(1, pages + 1)],
                f"English footers {footers} are not Page 1..{pages} of {pages} in Western digits")
    elif fmt == "docx" and os.path.exists(out):
        raw = docx_to_text(out, tmp)  # logical order, cell by cell
        t.check(raw is not None, "LibreOffice could not open the DOCX")
    if raw is not None:
        plain = squash(raw)
        text = only_letters(raw)
        for mid in PAIRED:
            if fmt == "pdf" and tag in RTL:
                # Beside another column, pdftotext cuts right-to-left lines at punctuation and
                # prints the pieces in visual order, so each word is checked (in logical
                # letter order, marks aside: see letters()) rather than the whole sentence.
                missing = [w for w in theirs[mid][1].split() if only_letters(w) and only_letters(w) not in text]
                t.check(not missing, f"{mid} ({tag}): words {missing} missing")
            else:
                t.check(squash(theirs[mid][1]) in plain, f"{mid} ({tag}) missing: {theirs[mid][1]!r}")
            t.check(squash(english[mid][1]) in plain, f"{mid} (English) missing: {english[mid][1]!r}")
t.finish()
