"""Bidirectional isolation (issue 10): a UK phone number, a postcode, an email address and a
Latin name interpolated into an Arabic (ar) or Urdu (ur) sentence keep their order. The PDF's
text layer gives each back exactly; on the page (pdftotext -bbox: each word's x) the number's
groups stand left to right, between the Arabic words before and after it. With --libreoffice,
the same for the DOCX as LibreOffice lays it out."""
import os
import re
import tempfile

from common import Failures, docx_to_pdf, docx_to_text, parse_args, run, write_json

args = parse_args([("--libreoffice", {"action": "store_true"})])
t = Failures("bidi_isolation" + (".libreoffice" if args.libreoffice else ""))

PHONE, POSTCODE, EMAIL, NAME = "01632 960 000", "SW1A 1AA", "duty.team@example.org", "Sam Patel"

# One sentence per language: BEFORE {{ phone }} AFTER, then the postcode, email and name.
# The words around the number are what the order is checked against.
SENTENCES = {
    "ar": ("اتصل بالرقم", "اليوم", "اتصل بالرقم {{ phone }} اليوم، أو اكتب إلى {{ email }}. الرمز البريدي {{ postcode }} "
           "والأخصائي {{ name }}. ثم <span dir=\"ltr\">0800 157 0000</span> مجانًا."),
    "ur": ("اس نمبر", "پر", "اس نمبر {{ phone }} پر فون کریں، یا {{ email }} پر لکھیں۔ پوسٹ کوڈ {{ postcode }} "
           "اور سماجی کارکن {{ name }} ہیں۔ پھر <span dir=\"ltr\">0800 157 0000</span> مفت۔"),
}

TEMPLATE = """<document title="Bidi isolation">
  <section>
    <p>{sentence}</p>
  </section>
</document>
"""


def words(pdf):
    """(x, yMin, yMax, word) for every word pdftotext -bbox finds on page 1."""
    out = run(["pdftotext", "-f", "1", "-l", "1", "-bbox", pdf, "-"]).stdout
    return [(float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                                 out)]


def check_page(label, pdf, before, after):
    ws = words(pdf)
    t.check(ws, f"{label}: no words on the page")
    if not ws:
        return
    found = {w: (x, (top + bottom) / 2) for x, top, bottom, w in ws}
    groups = PHONE.split()
    if not t.check(all(g in found for g in groups), f"{label}: the number's groups are not words: {ws}"):
        return
    xs = [found[g][0] for g in groups]
    t.check(xs == sorted(xs), f"{label}: the groups of {PHONE} stand {xs} (not left to right)")
    y = found[groups[0]][1]  # the number's middle: its line's words span it, whatever their font
    # Right of the number stands what is read before it, left of it what is read after:
    # pdftotext -bbox gives a right-to-left word's letters in visual order (reversed), and
    # may cut a Nastaliq word into pieces, so the letters are compared, not the words.
    near = sorted((x, w) for x, top, bottom, w in ws
                  if top < y < bottom and not re.fullmatch(r"[\u2066-\u2069]+", w))
    right = "".join(w for x, w in near if x > max(xs))[::-1]
    left = "".join(w for x, w in near if x < min(xs))[::-1]
    t.check(right.endswith(before.replace(" ", "")), f"{label}: {before!r} is not right of the number: {near}")
    t.check(left.startswith(after), f"{label}: {after!r} is not left of the number: {near}")


def check_text(label, text):
    flat = re.sub(r"[\u2066-\u2069\u200e\u200f]", "", text)
    for value in (PHONE, POSTCODE, EMAIL, NAME, "0800 157 0000"):
        t.check(value in flat, f"{label}: {value!r} is not in the text layer:\n{flat}")
    t.check("000 960 01632" not in flat, f"{label}: the number is reversed")
    t.check(not re.search(r"[\u2066-\u2069]", text), f"{label}: isolate characters in the text layer")


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    data = os.path.join(tmp, "data.json")
    write_json(data, {"phone": PHONE, "postcode": POSTCODE, "email": EMAIL, "name": NAME})
    docx = []
    for tag, (before, after, sentence) in SENTENCES.items():
        folder = os.path.join(tmp, f"tpl-{tag}")
        os.makedirs(folder)
        with open(os.path.join(folder, "template.xml"), "w", encoding="utf-8") as f:
            f.write(TEMPLATE.format(sentence=sentence))
        for fmt in ("docx",) if args.libreoffice else ("pdf",):
            out = os.path.join(tmp, f"{tag}.{fmt}")
            r = run([args.quire, "render", folder, data, "--locale", tag, "-o", out])
            t.check(r.returncode == 0, f"{tag}.{fmt}: exit {r.returncode}: {r.stderr}")
            if not os.path.exists(out):
                continue
            if fmt == "pdf":
                check_text(f"{tag}.pdf", run(["pdftotext", "-enc", "UTF-8", out, "-"]).stdout)
                check_page(f"{tag}.pdf", out, before, after)
                if os.environ.get("QUIRE_KEEP"):
                    run(["cp", out, os.environ["QUIRE_KEEP"]])
            else:
                docx.append((tag, out, before, after))
    if docx:
        pdfs = docx_to_pdf([d for _, d, _, _ in docx], tmp)
        for tag, d, before, after in docx:
            pdf = pdfs[d]
            if not t.check(pdf, f"{tag}.docx: LibreOffice made no PDF"):
                continue
            if os.environ.get("QUIRE_KEEP"):
                run(["cp", pdf, os.path.join(os.environ["QUIRE_KEEP"], f"{tag}.docx.pdf")])
            # LibreOffice's PDF has the isolate characters in its text layer and poppler cuts its
            # right-to-left lines apart: the text is LibreOffice's own (logical) text export,
            # the order on the page is checked on the PDF's word positions.
            text = docx_to_text(d, tmp)
            if t.check(text is not None, f"{tag}.docx: LibreOffice gives no text"):
                check_text(f"{tag}.docx (LibreOffice)", re.sub(r"[\u2066-\u2069]", "", text))
            check_page(f"{tag}.docx (LibreOffice)", pdf, before, after)

t.finish()
