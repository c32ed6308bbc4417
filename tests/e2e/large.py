"""Documents as large as the limits allow (issue 12): 40,000 paragraphs in one section, or
the documented block limit (docs/SECURITY.md: 200,000 blocks). The PDF must be valid
(qpdf --check), report its pages (pdfinfo), and keep a structure tree a PDF/UA checker
can walk: every paragraph tagged once, every element's /P its real parent, no array past
libharu's 32,767 entries."""
import json
import os
import sys
import tempfile
import time

try:
    import pikepdf
except ImportError:  # Debian's python3-pikepdf, when another python3 comes first on PATH
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

from common import Failures, parse_args, pdf_info, run

args = parse_args([("--paragraphs", {"type": int, "default": 40000}),
                   ("--per-item", {"type": int, "default": 1})])
t = Failures(f"large.{args.paragraphs}")
MAX_ARRAY = 32767

with tempfile.TemporaryDirectory(prefix="quire-large-") as tmp:
    folder = os.path.join(tmp, "tpl")
    os.makedirs(folder)
    body = "".join(f"<p>Paragraph {{{{ i }}}}{'' if k == 0 else chr(ord('a') + k)}.</p>" for k in range(args.per_item))
    with open(os.path.join(folder, "template.xml"), "w") as f:
        f.write(f'<document>\n<section title="Many">\n<for each="i in items">{body}</for>\n</section>\n</document>\n')
    items = args.paragraphs // args.per_item
    data = os.path.join(tmp, "data.json")
    with open(data, "w") as f:
        json.dump({"items": list(range(1, items + 1))}, f)
    out = os.path.join(tmp, "large.pdf")
    start = time.monotonic()
    r = run([args.quire, "render", folder, data, "-o", out])
    print(f"rendered {items * args.per_item} paragraphs in {time.monotonic() - start:.1f} s")
    t.check(r.returncode == 0, f"exit {r.returncode}: {r.stderr[-2000:]}")
    if r.returncode == 0:
        q = run(["qpdf", "--check", out])
        t.check(q.returncode == 0 and "No syntax or stream encoding errors" in q.stdout,
                f"qpdf --check: {q.returncode} {q.stdout[-500:]} {q.stderr[-500:]}")
        pages = int(pdf_info(out).get("Pages", "0"))
        print(f"{pages} pages")
        # At most a page's worth of one-line paragraphs per page, at least one paragraph per page.
        t.check(items * args.per_item // 80 <= pages <= items * args.per_item, f"pdfinfo reports {pages} pages")

        with pikepdf.open(out) as pdf:
            t.check(len(pdf.pages) == pages, f"pikepdf counts {len(pdf.pages)} pages, pdfinfo {pages}")
            root = pdf.Root.StructTreeRoot
            paragraphs, bad_parent, too_long = 0, 0, 0
            stack = [(root, k) for k in (root.K if isinstance(root.K, pikepdf.Array) else [root.K])]
            while stack:
                parent, e = stack.pop()
                if not isinstance(e, pikepdf.Dictionary) or e.get("/Type") not in (None, pikepdf.Name.StructElem):
                    continue
                if "/S" not in e:
                    continue
                if e.get("/P") is None or e.P.objgen != parent.objgen:
                    bad_parent += 1
                if e.S == pikepdf.Name.P:
                    paragraphs += 1
                kids = e.get("/K")
                if isinstance(kids, pikepdf.Array):
                    too_long += len(kids) > MAX_ARRAY
                    stack.extend((e, k) for k in kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append((e, kids))
            t.check(paragraphs == items * args.per_item, f"{paragraphs} P elements for {items * args.per_item}")
            t.check(bad_parent == 0, f"{bad_parent} elements whose /P is not the element holding them")
            t.check(too_long == 0, f"{too_long} /K arrays longer than {MAX_ARRAY}")
t.finish()
