"""Machine-checkable PDF/UA-1 conditions (ISO 14289-1) over every template example and the
Pledge in a left-to-right and two right-to-left locales, read with pikepdf: tagged and
marked, a document language, the title shown, every glyph inside tagged content or an
artifact, fonts embedded with ToUnicode, tab order on pages with annotations, the reading
direction of right-to-left documents, and the bookmarks pane only where there are bookmarks."""
import glob
import os
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


def check(name, path, rtl):
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        t.check(root.get("/MarkInfo", {}).get("/Marked") is True, f"{name}: /MarkInfo /Marked is not true")
        t.check("/StructTreeRoot" in root and "/ParentTree" in root.StructTreeRoot, f"{name}: no structure tree")
        t.check(str(root.get("/Lang", "")) != "", f"{name}: no /Lang")
        t.check("/Metadata" in root, f"{name}: no XMP metadata")
        prefs = root.get("/ViewerPreferences", {})
        t.check(prefs.get("/DisplayDocTitle") is True, f"{name}: the title is not displayed")
        t.check(str(pdf.docinfo.get("/Title", "")) != "", f"{name}: no title")
        direction = str(prefs.get("/Direction", "/L2R"))
        t.check(direction == ("/R2L" if rtl else "/L2R"), f"{name}: /Direction {direction}")
        mode = str(root.get("/PageMode", "/UseNone"))
        if mode == "/UseOutlines":
            t.check(outline_count(pdf) >= 2, f"{name}: the bookmarks pane opens on fewer than two bookmarks")
        for i, page in enumerate(pdf.pages):
            if len(page.obj.get("/Annots", [])) > 0:
                t.check(str(page.obj.get("/Tabs", "")) == "/S", f"{name} page {i + 1}: annotations without /Tabs /S")
            check_content(f"{name} page {i + 1}", page)
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            for key in fonts.keys():
                font = fonts[key]
                t.check("/ToUnicode" in font, f"{name}: font {key} has no ToUnicode")
                for d in font.get("/DescendantFonts", []):
                    fd = d.get("/FontDescriptor", {})
                    t.check(any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                            f"{name}: font {key} is not embedded")


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    jobs = []
    for example in sorted(glob.glob(os.path.join(ROOT, "templates", "*", "examples", "*.json"))):
        template = os.path.basename(os.path.dirname(os.path.dirname(example)))
        jobs.append((template + "-" + os.path.splitext(os.path.basename(example))[0], template, example, None, False))
    child = os.path.join(tmp, "child.json")
    write_json(child, {"child": {"first_name": "Amani"}, "council": {"name": "Northbridge City Council"},
                       "issued": "2026-03-14", "care_leaver": True})
    for tag, rtl in (("en-GB", False), ("ar", True), ("ur", True)):
        jobs.append((f"pledge-{tag}", "pledge", child, tag, rtl))
    for name, template, data, tag, rtl in jobs:
        out = os.path.join(tmp, name + ".pdf")
        cmd = [args.quire, "render", template, data, "-o", out] + (["--locale", tag] if tag else [])
        r = run(cmd)
        if t.check(r.returncode == 0 and os.path.exists(out), f"{name}: exit {r.returncode} {r.stderr}"):
            check(name, out, rtl)
t.finish()
