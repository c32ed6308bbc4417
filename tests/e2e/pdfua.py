"""Machine-checkable PDF/UA-1 conditions (ISO 14289-1, as the Matterhorn protocol lists them)
over every template example, the Pledge in a left-to-right and two right-to-left locales and
a bilingual edition, read with pikepdf: tagged and marked, a document language and a /Lang
where the language changes (a Latin name in an Arabic document), the title shown, every glyph
inside tagged content or an artifact, fonts embedded with ToUnicode, tab order on pages with
annotations, links inside Link elements, standard or role-mapped structure types, figures
with alternative text, tables with header cells that have a Scope, list and table structure,
headings starting at H1 and never skipping a level, notes with unique IDs, the reading
direction of right-to-left documents and the bookmarks pane only where there are bookmarks.
PDF/UA-1 is declared in the XMP metadata (pdfuaid:part 1, with dc:title and the Info
dictionary's facts); the declaration only counts when every other condition holds."""
import glob
import json
import os
import re
import xml.etree.ElementTree as ET
import sys
import tempfile

try:
    import pikepdf
except ImportError:  # Debian's python3-pikepdf, when another python3 comes first on PATH
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

from common import ROOT, Failures, parse_args, run, write_json

args = parse_args()
t = Failures("pdfua")


def outline_count(pdf):
    with pdf.open_outline() as outline:
        n = 0
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            n += 1
            stack.extend(item.children)
        return n



# PDF 1.7 (ISO 32000-1, 14.8.4) standard structure types.
STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
            "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
            "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
            "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
            "Formula", "Form"}
# Which kids a grouping element may have (ISO 32000-1, 14.8.4.3).
ALLOWED_KIDS = {"L": {"LI", "L", "Caption"}, "LI": {"Lbl", "LBody"}, "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
                "THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"}, "TR": {"TH", "TD"},
                "TOC": {"TOCI", "TOC", "Caption"}}
LANG_TAG = re.compile(r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?"
                      r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$|^und$")
NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}


def number_tree(node, out, seen=None):
    """The entries of a number tree (/Nums, or /Kids of leaves)."""
    seen = seen if seen is not None else set()
    if node.objgen != (0, 0):
        if node.objgen in seen:
            return out
        seen.add(node.objgen)
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out, seen)
    return out


def role(elem, rolemap):
    """The standard type an element stands for (through the RoleMap), or None if it has none."""
    s = str(elem.get("/S", ""))[1:]
    seen = set()
    while s not in STANDARD:
        if s in seen or ("/" + s) not in rolemap:
            return None
        seen.add(s)
        s = str(rolemap["/" + s])[1:]
    return s


def text_of(value):
    try:
        return str(value)
    except Exception:  # an undecodable string is still present
        return "?"


def check_structure(name, pdf, doc_lang):
    """Walks the structure tree: types, figures, tables, lists, headings, notes, languages."""
    root = pdf.Root.StructTreeRoot
    rolemap = root.get("/RoleMap", pikepdf.Dictionary())
    for key in rolemap.keys():
        t.check(key[1:] not in STANDARD, f"{name}: the standard type {key} is role-mapped")
    headings, note_ids, langs = [], [], set()
    counts = {"Figure": 0, "Table": 0, "TH": 0}
    seen = set()
    stack = [(kid, doc_lang) for kid in reversed(list(root.get("/K", [])))] if isinstance(
        root.get("/K"), pikepdf.Array) else [(root.get("/K"), doc_lang)]
    while stack:
        elem, lang = stack.pop()
        if not isinstance(elem, pikepdf.Dictionary) or str(elem.get("/Type", "/StructElem")) != "/StructElem":
            continue  # an MCID, a marked-content or object reference
        if elem.objgen in seen:
            t.check(False, f"{name}: a structure element is reached twice")
            continue
        seen.add(elem.objgen)
        s = str(elem.get("/S", ""))[1:]
        std = role(elem, rolemap)
        t.check(std is not None, f"{name}: structure type /{s} is neither standard nor role-mapped")
        if "/Lang" in elem:
            lang = text_of(elem.Lang)
            t.check(bool(LANG_TAG.match(lang)), f"{name}: /{s} has an invalid /Lang ({lang!r})")
            langs.add(lang)
        kids = elem.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        kid_types = [role(k, rolemap) for k in kids if isinstance(k, pikepdf.Dictionary)
                     and str(k.get("/Type", "/StructElem")) == "/StructElem"]
        if std in ALLOWED_KIDS:
            bad = sorted({k for k in kid_types if k not in ALLOWED_KIDS[std]}, key=str)
            t.check(not bad, f"{name}: /{std} holds {bad}")
        if std == "Figure":
            counts["Figure"] += 1
            alt = text_of(elem.get("/Alt", "")) or text_of(elem.get("/ActualText", ""))
            t.check(alt.strip() != "", f"{name}: a Figure has no alternative text")
        if std == "Table":
            counts["Table"] += 1
            ths = []
            inner = list(kids)
            while inner:
                k = inner.pop()
                if isinstance(k, pikepdf.Dictionary) and str(k.get("/Type", "/StructElem")) == "/StructElem":
                    if role(k, rolemap) == "TH":
                        ths.append(k)
                    if role(k, rolemap) != "Table":
                        sub = k.get("/K")
                        inner.extend(list(sub) if isinstance(sub, pikepdf.Array) else ([] if sub is None else [sub]))
            t.check(len(ths) > 0, f"{name}: a table has no header cells (TH)")
        if std == "TH":
            counts["TH"] += 1
            attrs = elem.get("/A")
            attrs = list(attrs) if isinstance(attrs, pikepdf.Array) else ([] if attrs is None else [attrs])
            scope = [str(a.get("/Scope")) for a in attrs if isinstance(a, pikepdf.Dictionary)
                     and str(a.get("/O", "")) == "/Table" and "/Scope" in a]
            t.check(any(sc in ("/Row", "/Column", "/Both") for sc in scope) or "/Headers" in str(attrs),
                    f"{name}: a TH has no Scope")
        if std and re.fullmatch(r"H[1-6]", std):
            headings.append(int(std[1]))
        if std == "H":
            headings.append(0)
        if std == "Note":
            note_ids.append(bytes(elem.get("/ID", b"")) if "/ID" in elem else None)
        for k in reversed(kids):
            stack.append((k, lang))
    numbered = [h for h in headings if h > 0]
    t.check(not (numbered and 0 in headings), f"{name}: both H and H1-H6 headings")
    if numbered:
        t.check(numbered[0] == 1, f"{name}: the first heading is H{numbered[0]}, not H1")
        skips = [(a, b) for a, b in zip(numbered, numbered[1:]) if b > a + 1]
        t.check(not skips, f"{name}: heading levels skipped: {skips}")
    t.check(all(i for i in note_ids), f"{name}: a Note without an /ID")
    if note_ids:
        tree = root.get("/IDTree")
        names = list(tree.get("/Names", [])) if tree is not None else []
        listed = {bytes(names[i]) for i in range(0, len(names) - 1, 2)}
        t.check(set(note_ids) <= listed, f"{name}: Note IDs missing from the /IDTree")
    t.check(len(set(note_ids)) == len(note_ids), f"{name}: Note IDs repeat")
    return langs, counts


def check_xmp(name, pdf):
    """PDF/UA-1 identification and the metadata it needs (Matterhorn 06-001 to 06-004)."""
    if "/Metadata" not in pdf.Root:
        return False
    raw = pdf.Root.Metadata.read_bytes()
    try:
        tree = ET.fromstring(raw[raw.index(b"<x:xmpmeta"):raw.index(b"</x:xmpmeta>") + len(b"</x:xmpmeta>")])
    except (ValueError, ET.ParseError) as e:
        t.check(False, f"{name}: the XMP does not parse: {e}")
        return False
    part = tree.findall(".//pdfuaid:part", NS)
    t.check(len(part) == 1 and part[0].text == "1", f"{name}: the XMP does not declare PDF/UA-1")
    title = tree.findall(".//dc:title/rdf:Alt/rdf:li", NS)
    info_title = text_of(pdf.docinfo.get("/Title", ""))
    t.check(bool(title) and title[0].text == info_title, f"{name}: dc:title is not the Info /Title {info_title!r}")
    lang = [li.text for li in tree.findall(".//dc:language/rdf:Bag/rdf:li", NS)]
    t.check(lang == [text_of(pdf.Root.get("/Lang", ""))], f"{name}: dc:language {lang} is not the /Lang")
    producer = tree.findall(".//pdf:Producer", NS)
    t.check(bool(producer) and producer[0].text == text_of(pdf.docinfo.get("/Producer", "")),
            f"{name}: pdf:Producer is not the Info /Producer")
    created = tree.findall(".//xmp:CreateDate", NS)
    info_date = text_of(pdf.docinfo.get("/CreationDate", ""))
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z", info_date)
    want = f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6]}Z" if m else None
    t.check(bool(created) and created[0].text == want,
            f"{name}: xmp:CreateDate {created[0].text if created else None} is not the Info date {info_date}")
    return len(part) == 1 and part[0].text == "1"


def content_langs(pdf):
    """The /Lang of every marked-content sequence, over all pages."""
    out = set()
    for page in pdf.pages:
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/Lang" in operands[1]:
                out.add(text_of(operands[1].Lang))
    return out


FIXTURE = """<?xml version="1.0" encoding="UTF-8"?>
<document title="Review for {{ child.first_name }} &amp; family &lt;draft&gt;" author="{{ council.name }}">
  <section>
    <footer><p role="small" align="center">Page {{ field('page') }} of {{ field('pages') }}</p></footer>
    <contents/>
    <h1 id="intro">Review</h1>
    <p>Hello {{ child.first_name }}. In Welsh: <span lang="cy">Croeso</span>. In Arabic:
       <span lang="ar" dir="rtl">مرحبا</span>. See <a href="https://example.org/help">the help pages</a>
       and <ref target="plan" form="title"/> on page <ref target="plan"/><footnote>Updated every month.</footnote>.</p>
    <img src="dot.png" alt="A blue dot" width="40"/>
    <img src="dot.png" decorative="true" width="20"/>
    <icon name="health" alt="Health"/>
    <icon name="star" decorative="true"/>
    <h2>Visits</h2>
    <table widths="2,3,2" header-rows="1" caption="Planned visits">
      <tr><th>When</th><th>Who</th><th>Status</th></tr>
      <tr><td>Monday</td><td>Social worker</td><td rag="green">On track</td></tr>
      <tr><td colspan="2">Tuesday, with the family</td><td rag="amber">At risk</td></tr>
    </table>
    <h3>Steps</h3>
    <ol>
      <li>Keep weekly contact.</li>
      <li><p>Review the plan.</p><ul><li>In six months</li><li>With the family<footnote>Second note.</footnote></li></ul></li>
    </ol>
    <chart kind="bar" title="Attendance" alt="Attendance rose from 88% to 95%" categories="Autumn, Spring" suffix="%">
      <series name="2025" values="88, 95"/>
    </chart>
    <h2 id="plan">The plan</h2>
    <columns><column><p>Left column.</p></column><column><p>Right column.</p></column></columns>
    <box icon="info" icon-alt="Information"><p>A boxed note.</p></box>
  </section>
</document>
"""


def write_fixture(folder):
    """A template using every block that carries structure, with a one-pixel PNG."""
    import struct
    import zlib
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "template.xml"), "w", encoding="utf-8") as f:
        f.write(FIXTURE)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(b"\x00\x1d\x70\xb8")) + chunk(b"IEND", b""))
    with open(os.path.join(folder, "dot.png"), "wb") as f:
        f.write(png)


def check_content(name, page):
    """Every text-showing operator sits in marked content with an MCID, or in an Artifact."""
    stack = []  # per open BDC/BMC: True if it tags (MCID) or is an artifact
    bad = 0
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "BMC":
            stack.append(str(operands[0]) == "/Artifact")
        elif op == "BDC":
            props = operands[1]
            tagged = str(operands[0]) == "/Artifact"
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                tagged = True
            stack.append(tagged)
        elif op == "EMC":
            if not stack:
                bad += 1
            else:
                stack.pop()
        elif op in ("Tj", "TJ", "'", '"') and not any(stack):
            bad += 1
    t.check(not stack, f"{name}: unbalanced marked content")
    t.check(bad == 0, f"{name}: {bad} text operator(s) neither tagged nor an artifact")


def check(name, path, rtl, other_lang=False):
    """`other_lang`: the document holds text in another language or script than its own
    (a Latin-script name in an Arabic document, the English column of a bilingual edition)."""
    failed_before = len(t.items)
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        t.check(root.get("/MarkInfo", {}).get("/Marked") is True, f"{name}: /MarkInfo /Marked is not true")
        t.check(root.get("/MarkInfo", {}).get("/Suspects") is not True, f"{name}: /MarkInfo /Suspects is true")
        has_tree = "/StructTreeRoot" in root and "/ParentTree" in root.StructTreeRoot
        t.check(has_tree, f"{name}: no structure tree")
        doc_lang = text_of(root.get("/Lang", ""))
        t.check(doc_lang != "" and bool(LANG_TAG.match(doc_lang)), f"{name}: no valid /Lang ({doc_lang!r})")
        prefs = root.get("/ViewerPreferences", {})
        t.check(prefs.get("/DisplayDocTitle") is True, f"{name}: the title is not displayed")
        t.check(text_of(pdf.docinfo.get("/Title", "")).strip() != "", f"{name}: no title")
        direction = str(prefs.get("/Direction", "/L2R"))
        t.check(direction == ("/R2L" if rtl else "/L2R"), f"{name}: /Direction {direction}")
        mode = str(root.get("/PageMode", "/UseNone"))
        if mode == "/UseOutlines":
            t.check(outline_count(pdf) >= 2, f"{name}: the bookmarks pane opens on fewer than two bookmarks")
        parents = number_tree(root.StructTreeRoot.ParentTree, {}) if has_tree else {}
        for i, page in enumerate(pdf.pages):
            annots = page.obj.get("/Annots", [])
            if len(annots) > 0:
                t.check(str(page.obj.get("/Tabs", "")) == "/S", f"{name} page {i + 1}: annotations without /Tabs /S")
            for a in annots:
                if str(a.get("/Subtype", "")) != "/Link":
                    continue
                sp = a.get("/StructParent")
                elem = parents.get(int(sp)) if sp is not None else None
                t.check(elem is not None and str(elem.get("/S", "")) == "/Link",
                        f"{name} page {i + 1}: a link annotation outside a Link element")
            check_content(f"{name} page {i + 1}", page)
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for key in fonts.keys():
                font = fonts[key]
                t.check("/ToUnicode" in font, f"{name}: font {key} has no ToUnicode")
                for d in font.get("/DescendantFonts", []):
                    fd = d.get("/FontDescriptor", {})
                    t.check(any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                            f"{name}: font {key} is not embedded")
        if has_tree:
            langs, counts = check_structure(name, pdf, doc_lang)
            langs |= content_langs(pdf)
            for lang in langs:
                t.check(bool(LANG_TAG.match(lang)), f"{name}: invalid /Lang {lang!r} in the content")
            if other_lang:
                primary = doc_lang.split("-")[0].lower()
                t.check(any(lang.split("-")[0].lower() != primary for lang in langs),
                        f"{name}: text in another language or script is not marked with its /Lang ({sorted(langs)})")
        declared = check_xmp(name, pdf)
        # The declaration is only honest when every other condition holds.
        t.check(not declared or len(t.items) == failed_before,
                f"{name}: declares PDF/UA-1 but fails the conditions above")


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    jobs = []
    for example in sorted(glob.glob(os.path.join(ROOT, "templates", "*", "examples", "*.json"))):
        template = os.path.basename(os.path.dirname(os.path.dirname(example)))
        # A record may name its language ("locale": "ar", the child's own plan): it reads right to left.
        with open(example, encoding="utf-8") as f:
            record_locale = json.load(f).get("locale", "en-GB")
        rtl = record_locale.split("-")[0] in ("ar", "ckb", "fa", "prs", "ps", "ur")
        jobs.append((template + "-" + os.path.splitext(os.path.basename(example))[0], template, example, None, rtl))
    child = os.path.join(tmp, "child.json")
    write_json(child, {"child": {"first_name": "Amani"}, "council": {"name": "Northbridge City Council"},
                       "issued": "2026-03-14", "care_leaver": True})
    for tag, rtl in (("en-GB", False), ("ar", True), ("ur", True)):
        # Arabic and Urdu Pledges carry the Latin-script name and council name: a /Lang of their own.
        jobs.append((f"pledge-{tag}", "pledge", child, tag, rtl, rtl, []))
    jobs.append(("pledge-ar-bilingual", "pledge", child, "ar", True, True, ["--bilingual"]))
    # Tables, lists, notes, links, figures, charts, contents: what the Pledge does not use.
    fixture = os.path.join(tmp, "structure")
    write_fixture(fixture)
    jobs.append(("structure", fixture, child, None, False, True, []))
    jobs.append(("structure-ar", fixture, child, "ar", True, True, []))
    for fixture, example in (("docs-example", "examples/amani.json"), ("docs-numbering", None)):
        folder = os.path.join(ROOT, "tests", "unit", "template", "fixtures", fixture)
        jobs.append((fixture, folder, os.path.join(folder, example) if example else child, None, False, False, []))
    jobs = [j if len(j) == 7 else j + (False, []) for j in jobs]
    # A template that breaks what the writer cannot mend: the file must not claim PDF/UA-1.
    gaps = os.path.join(tmp, "gaps")
    os.makedirs(gaps)
    with open(os.path.join(gaps, "template.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<document title="Gaps"><section><h2>Second level first</h2>'
                '<table><tr><td>no</td><td>header</td></tr></table></section></document>\n')
    out = os.path.join(tmp, "gaps.pdf")
    r = run([args.quire, "render", gaps, child, "-o", out])
    if t.check(r.returncode == 0 and os.path.exists(out), f"gaps: exit {r.returncode} {r.stderr}"):
        t.check("pdf.not-pdf-ua" in r.stderr and "header row" in r.stderr and "level 2" in r.stderr,
                f"gaps: no pdf.not-pdf-ua warning naming both gaps: {r.stderr}")
        with pikepdf.open(out) as pdf:
            t.check(b"pdfuaid:part" not in pdf.Root.Metadata.read_bytes(), "gaps: declares PDF/UA-1 all the same")
    for name, template, data, tag, rtl, other, extra in jobs:
        out = os.path.join(tmp, name + ".pdf")
        cmd = [args.quire, "render", template, data, "-o", out] + (["--locale", tag] if tag else []) + extra
        r = run(cmd)
        if t.check(r.returncode == 0 and os.path.exists(out), f"{name}: exit {r.returncode} {r.stderr}"):
            check(name, out, rtl, other)
t.finish()
