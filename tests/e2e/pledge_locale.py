"""The Pledge in one locale, as PDF or DOCX: renders, checks the file with independent
tools, and checks that the translated strings come back in logical order."""
import html
import os
import re
import tempfile

from common import (ROOT, Failures, docx_to_pdf, docx_to_text, letters, marks, messages, parse_args, pdf_fonts, pdf_info, pdf_text, run,
                    squash, write_json)

args = parse_args([("--locale", {"required": True}), ("--format", {"choices": ["pdf", "docx"], "required": True})])
tag, fmt = args.locale, args.format
t = Failures(f"pledge.{fmt}.{tag}")
catalogue = messages(tag)

RTL = {"ar", "prs", "fa", "ps", "ckb", "ur"}
STRUCT_READABLE = {"ar", "ps", "ckb", "en-GB", "zh-Hans", "ti", "am", "vi"}
# Messages that are not page text.
NOT_SHOWN = {"pledge.subject",  # document metadata (pdfinfo checks it), not page text
             # one role is printed, and the test's signatory is a director
             "pledge.role.lead_member", "pledge.role.chief_executive",
             # status words of RAG cells (tables of reports), not in the Pledge
             "common.rag.red", "common.rag.amber", "common.rag.green", "common.rag.blue"}

# Strings whose text must come back verbatim (no placeholders to fill).
PLAIN = ["pledge.title", "pledge.promises_heading", "pledge.promise.home.title", "pledge.promise.home.body",
         "pledge.promise.say.body", "pledge.leaving_heading", "pledge.leaving.adviser.body", "pledge.closing"]

with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    data = os.path.join(tmp, "child.json")
    write_json(data, {"child": {"first_name": "Amani"},
                      "council": {"name": "Northbridge City Council",
                                  "signatory": {"name": "Ruth Okafor", "role_id": "director"}},
                      "issued": "2026-03-14", "care_leaver": True,
                      "contacts": {"social_worker": {"name": "Sam Patel", "phone": "01632 960 412"},
                                   "iro": {"name": "Grace Mensah", "phone": "01632 960 587"},
                                   "advocate": {"phone": "0808 157 0000"},
                                   "children_in_care_council": {"phone": "01632 960 155"}}})
    out = os.path.join(tmp, f"pledge.{fmt}")
    r = run([args.quire, "render", "pledge", data, "--locale", tag, "-o", out])
    t.check(r.returncode == 0, f"render exit {r.returncode}: {r.stderr}")
    t.check(os.path.exists(out), "no output file")
    raw = None
    if fmt == "pdf" and os.path.exists(out):
        q = run(["qpdf", "--check", out])
        t.check(q.returncode == 0, f"qpdf --check: {q.stdout[-300:]} {q.stderr[-300:]}")
        fonts = pdf_fonts(out)
        t.check(len(fonts) > 0, "pdffonts lists no fonts")
        for f in fonts:
            t.check(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes", f"font not embedded/subset/unicode: {f}")
        info = pdf_info(out)
        t.check(info.get("Tagged") == "yes", f"Tagged: {info.get('Tagged')}")
        t.check(info.get("Title") == catalogue["pledge.title"][1], f"Title {info.get('Title')!r}")
        raw = pdf_text(out)
        # The structure tree reads in logical order, right-to-left text included. (pdfinfo
        # -struct-text reads glyphs through ToUnicode and ignores ActualText, so only scripts
        # whose glyphs stand for one letter each can be compared: not Nastaliq, not Bengali.)
        if tag in STRUCT_READABLE:
            pieces = re.findall(r'^\s*"(.*)"$', run(["pdfinfo", "-struct-text", out]).stdout, re.M)
            tree = letters("".join(pieces))
            for mid in ("pledge.title", "pledge.promises_heading", "pledge.promise.home.body"):
                t.check(letters(catalogue[mid][1]) in tree, f"{mid}: not in logical order in the structure tree")
    elif fmt == "docx" and os.path.exists(out):
        raw = docx_to_text(out, tmp)
        t.check(raw is not None, "LibreOffice could not open the DOCX")

    if raw is not None:
        # LibreOffice's text export is in logical order; pdftotext reads glyphs off the page,
        # so right-to-left PDF text is compared letter by letter, marks as a multiset (letters()).
        loose = fmt == "pdf" and tag in RTL
        text = letters(raw) if loose else squash(raw)
        t.check("Amani" in text, "child's name missing from the text")
        t.check("NorthbridgeCityCouncil" in text, "council name missing from the text")
        # The promises are cards in two columns. pdftotext reads right-to-left lines across both
        # columns at once (and Nastaliq's sloping ones too), so there each word is looked for,
        # not the sentence; the structure tree's order is checked above (STRUCT_READABLE).
        by_word = fmt == "pdf" and tag in RTL
        words = set(raw.split())

        def found(target):
            if by_word:
                return all(w in words or letters(w) in text for w in re.findall(r"[^\s\W]+", target))
            return (letters(target) if loose else squash(target)) in text

        for mid in PLAIN:
            target = catalogue[mid][1]
            t.check(found(target), f"{mid}: {target!r} not found in the extracted text")
        # Every sentence of every Pledge message the document shows, placeholders aside, Urdu's
        # Nastaliq included (its words slope, and the text layer must still read in order).
        for mid, (source, target, state) in catalogue.items():
            if not mid.startswith("pledge.") or mid in NOT_SHOWN or not target or "{" in target and "," in target:
                continue
            for piece in re.split(r"\{[^{}]*\}", target):
                if by_word:
                    t.check(found(piece), f"{mid}: a word of {piece!r} not found in the extracted text")
                    continue
                # punctuation next to a placeholder may be set on its other side by the bidi algorithm
                piece = re.sub(r"^\W+|\W+$", "", letters(piece) if loose else squash(piece))
                if len(piece) >= 2:
                    t.check(found(piece) if by_word else piece in text,
                            f"{mid}: {piece!r} (from {target!r}) not found in the extracted text")
        if loose:
            want = sorted(m for mid in PLAIN for m in marks(catalogue[mid][1]))
            got = marks(raw)
            t.check(all(got.count(m) >= want.count(m) for m in set(want)), "combining marks lost in the extracted text")
# Issue 8: the plain Pledge's body is 12 to 13 pt in every locale. fit-pages starts at 13 and,
# where a language needs room, sets its lines closer (to 1.15) before the text smaller
# (README.md's table gives the size each locale gets for the record below).
SMALLEST, LARGEST = 12.0, 13.0
# The plain Pledge (not a care leaver) fits one A4 page in every locale: in the PDF, where the
# template's fit-pages sets it smaller half a point at a time where a language needs it, and in
# the Word file, which is set at the size the PDF chose (typography.fitted) and laid out by
# LibreOffice on one page too. The signatory, every contact and the longest role are in.
with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    data = os.path.join(tmp, "child.json")
    write_json(data, {"child": {"first_name": "Amani"},
                      "council": {"name": "Northbridge City Council",
                                  "signatory": {"name": "Ruth Okafor", "role_id": "director"}},
                      "issued": "2026-03-14", "care_leaver": False,
                      "contacts": {"social_worker": {"name": "Sam Patel", "phone": "01632 960 412"},
                                   "iro": {"name": "Grace Mensah", "phone": "01632 960 587"},
                                   "advocate": {"phone": "0808 157 0000"},
                                   "children_in_care_council": {"phone": "01632 960 155"}}})
    out = os.path.join(tmp, f"plain.{fmt}")
    r = run([args.quire, "render", "pledge", data, "--locale", tag, "-o", out])
    t.check(r.returncode == 0, f"plain Pledge: render exit {r.returncode}: {r.stderr}")
    t.check("layout.fit-pages" not in r.stderr, f"plain Pledge: does not fit: {r.stderr}")
    pdf = out
    if fmt == "docx" and os.path.exists(out):
        pdf = docx_to_pdf([out], tmp)[out]
        t.check(pdf is not None, "LibreOffice could not convert the plain Pledge's DOCX")
    if pdf and os.path.exists(pdf):
        pages = int(pdf_info(pdf).get("Pages", "0"))
        t.check(pages == 1, f"plain Pledge takes {pages} pages" + (" in LibreOffice" if fmt == "docx" else ""))
        body = squash(pdf_text(pdf))
        # The signatory's name is whole on the page: each of its words is a word of the page.
        # (Written with no-break spaces from Latin into Arabic script, LibreOffice once broke
        # it inside a word at the end of the signing line: "Okafo" / "r".)
        words = {re.sub(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069,\u060c]", "", html.unescape(w))
                 for w in re.findall(r"<word [^>]*>([^<]*)</word>", run(["pdftotext", "-bbox", pdf, "-"]).stdout)}
        for name_word in ("Ruth", "Okafor"):
            t.check(name_word in words, f"the signatory's {name_word!r} is not a whole word on the page"
                    + (" in LibreOffice" if fmt == "docx" else ""))
        for mid in ("pledge.contacts.heading", "pledge.contacts.social_worker", "pledge.role.director"):
            if tag not in RTL and fmt == "pdf":
                t.check(squash(catalogue[mid][1]) in body, f"{mid} not on the page")
    # The size fit-pages chose, read off the laid-out page: the council's name is Latin text in
    # every locale, and in the introduction it is set at the body size (never script-scaled;
    # Arabic-script text is drawn 1.15 times that). Any locale set smaller is noticed.
    if fmt == "pdf":
        dump = run([args.quire, "dump", "pledge", data, "--stage", "layout", "--locale", tag]).stdout
        sizes = [float(m) for m in re.findall(r'^  text \S+-Regular ([\d.]+) .*"[^"]*Northbridge City Council', dump, re.M)]
        t.check(len(sizes) > 0, "the council's name is not on the laid-out page")
        if sizes:
            t.check(SMALLEST <= sizes[0] <= LARGEST,
                    f"plain Pledge: body {sizes[0]} pt, not between {SMALLEST} and {LARGEST} pt")

t.finish()
