"""Page numbers per part end to end: the guide's letter (tests/unit/template/fixtures/
docs-copies) has two pages for the young person and a one-page copy for the carer. The
footer of page 2 reads "Page 2 of 2" and that of page 3 "Page 1 of 1", in the locale's
digits; with --libreoffice, the DOCX converted by LibreOffice says the same (in Western
digits: LibreOffice 7.4 writes every page field so, PAGE as much as PAGEREF)."""
import os
import tempfile

from common import ROOT, Failures, docx_to_pdf, parse_args, pdf_info, run, write_json

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"

args = parse_args([("--locale", {"default": "en-GB"}), ("--libreoffice", {"action": "store_true"})])
t = Failures(f"part_pages.{args.locale}{'.libreoffice' if args.libreoffice else ''}")
digits = ARABIC_INDIC if args.locale == "ar" else "0123456789"
template = os.path.join(ROOT, "tests", "unit", "template", "fixtures", "docs-copies")


def footer_numbers(pdf, page, digits):
    """The digits of the page's footer line ("Page 2 of 2"), as ASCII, in reading order."""
    text = run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-layout", pdf, "-"]).stdout
    lines = [line for line in text.splitlines() if "Page" in line and "of" in line]
    if not t.check(len(lines) == 1, f"{pdf} page {page}: no single footer line in {text!r}"):
        return None, text
    found = [c for c in lines[0] if c in digits]
    others = [c for c in lines[0] if c.isdigit() and c not in digits]
    t.check(not others, f"page {page}: the footer has digits of another script: {lines[0]!r}")
    return "".join(str(digits.index(c)) for c in found), text


def check_pages(pdf, what, digits):
    pages = int(pdf_info(pdf).get("Pages", "0"))
    t.check(pages == 3, f"{what}: {pages} pages, not 3")
    if pages != 3:
        return
    # Two numbers per footer, read in either order (the Arabic edition's footer is right to left):
    # the page's number and its part's page count.
    for page, want in ((1, "12"), (2, "22"), (3, "11")):
        got, text = footer_numbers(pdf, page, digits)
        if got is not None:
            t.check(sorted(got) == sorted(want), f"{what} page {page}: footer numbers {got!r}, want {want!r}")
        if page == 3:
            t.check("Copy for" in text and "Okafor" in text, f"{what}: page 3 is not the carer's copy: {text!r}")
        else:
            t.check("Copy for" not in text, f"{what}: page {page} says it is a copy")


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    data = os.path.join(tmp, "data.json")
    write_json(data, {"child": {"first_name": "Amani"}, "review": "2026-05-02", "carer": {"name": "Ms Okafor"},
                      "worker": {"name": "Sam Patel", "phone": "01632 960 123"}})
    if not args.libreoffice:
        pdf = os.path.join(tmp, "letter.pdf")
        r = run([args.quire, "render", template, data, "--locale", args.locale, "-o", pdf])
        t.check(r.returncode == 0 and os.path.exists(pdf), f"PDF: exit {r.returncode} {r.stderr}")
        if os.path.exists(pdf):
            t.check(run(["qpdf", "--check", pdf]).returncode == 0, "the PDF fails qpdf --check")
            check_pages(pdf, "PDF", digits)
    else:
        docx = os.path.join(tmp, "letter.docx")
        r = run([args.quire, "render", template, data, "--locale", args.locale, "-o", docx])
        t.check(r.returncode == 0 and os.path.exists(docx), f"DOCX: exit {r.returncode} {r.stderr}")
        if os.path.exists(docx):
            pdf = docx_to_pdf([docx], tmp)[docx]
            if t.check(pdf is not None, "LibreOffice could not convert the DOCX"):
                check_pages(pdf, "DOCX (LibreOffice)", "0123456789")
t.finish()
