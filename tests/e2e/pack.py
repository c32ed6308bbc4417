#!/usr/bin/env python3
"""`quire pack`: several documents as one PDF (a meeting's pack), from examples/pack/pack.json.

The full edition holds both documents with page numbers running on and one outline entry per
document; the public edition holds no byte of the confidential one (pdftotext, and the
decompressed file from qpdf --qdf) and says an exempt item was withheld; a data path outside
the spec's folder is refused; errors point into /documents/N; a .docx output is a usage error;
a failed pack leaves no file."""
import json
import os
import shutil
import tempfile

from common import ROOT, Failures, parse_args, pdf_info, pdf_text, run, squash

args = parse_args()
t = Failures("pack")
SPEC = os.path.join(ROOT, "examples", "pack", "pack.json")
# Words only the confidential document (examples/pack/items/placement-review.json) holds.
CANARIES = ["Lowen", "Tregarthen", "Halsey", "placement review"]


def holds(data, text):
    """`text` in a PDF's bytes, as bytes or as UTF-16BE (raw or hex)."""
    utf16 = text.encode("utf-16-be")
    return any(n in data for n in (text.encode(), utf16, utf16.hex().encode(), utf16.hex().upper().encode()))


with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    full = os.path.join(tmp, "full.pdf")
    r = run([args.quire, "pack", SPEC, "-o", full])
    t.check(r.returncode == 0 and os.path.exists(full), f"full pack: exit {r.returncode} {r.stderr}")
    if os.path.exists(full):
        t.check(run(["qpdf", "--check", full]).returncode == 0, "the full pack fails qpdf --check")
        text = pdf_text(full)
        pages = int(pdf_info(full).get("Pages", "0"))
        t.check(pages >= 2, f"the full pack has {pages} pages")
        t.check("Tregarthen" in text, "the full pack lacks the confidential document's text")
        t.check(f"of {pages}" in text, f"no page says 'of {pages}' (numbers must run on across documents)")
        outline = run(["qpdf", "--json", "--json-key=outlines", full]).stdout
        titles = [o.get("title") for o in json.loads(outline).get("outlines", [])] if outline else []
        t.check(titles[:2] == ["Item 1: Our Pledge to children in care (refreshed, for approval)",
                               "Item 2: Long-term placement review (exempt)"],
                f"outline top entries: {titles}")

    public = os.path.join(tmp, "public.pdf")
    r = run([args.quire, "pack", SPEC, "-o", public, "--edition", "public"])
    t.check(r.returncode == 0 and os.path.exists(public), f"public pack: exit {r.returncode} {r.stderr}")
    t.check("1 exempt item(s) withheld" in r.stdout, f"the summary does not say an item was withheld: {r.stdout!r}")
    if os.path.exists(public):
        t.check(run(["qpdf", "--check", public]).returncode == 0, "the public pack fails qpdf --check")
        text = pdf_text(public)
        qdf = os.path.join(tmp, "public-qdf.pdf")
        run(["qpdf", "--qdf", "--object-streams=disable", public, qdf])
        with open(qdf, "rb") as f:
            decompressed = f.read()
        with open(public, "rb") as f:
            raw = f.read()
        for canary in CANARIES + ["Item 2", "exempt)"]:
            t.check(canary not in text, f"the public pack's text holds {canary!r}")
            t.check(not holds(decompressed, canary), f"the public pack's decompressed bytes hold {canary!r}")
            t.check(not holds(raw, canary), f"the public pack's bytes hold {canary!r}")
        t.check(squash("An exempt item has been withheld from this edition.") in squash(text),
                "the public pack does not say an item was withheld")
        t.check(squash("Alex") in squash(text), "the public pack lacks its public document")

    # Data paths: relative to the spec's folder, never outside it.
    folder = os.path.join(tmp, "meeting")
    os.makedirs(os.path.join(folder, "items"))
    shutil.copy(os.path.join(ROOT, "examples", "pack", "items", "pledge-refresh.json"), os.path.join(folder, "items"))
    with open(os.path.join(tmp, "outside.json"), "w") as f:
        json.dump({"child": {"first_name": "Outside"}}, f)
    spec = {"documents": [{"template": "pledge", "data": "items/pledge-refresh.json"},
                          {"template": "pledge", "data": "../outside.json"},
                          {"template": "pledge", "data": os.path.join(tmp, "outside.json")}]}
    with open(os.path.join(folder, "spec.json"), "w") as f:
        json.dump(spec, f)
    out = os.path.join(tmp, "outside.pdf")
    r = run([args.quire, "pack", os.path.join(folder, "spec.json"), "-o", out])
    t.check(r.returncode == 2, f"a data path outside the spec's folder: exit {r.returncode}, not 2")
    t.check("#/documents/1/data: error[usage.pack-data]" in r.stderr and "#/documents/2/data" in r.stderr,
            f"the refusals do not point at /documents/1/data and /documents/2/data: {r.stderr}")
    t.check(not os.path.exists(out), "a refused pack left a file")

    # Every document's errors at once, pointed into the pack; no file.
    with open(os.path.join(ROOT, "examples", "pack", "items", "pledge-refresh.json")) as f:
        good = json.load(f)
    bad = json.loads(json.dumps(good))
    bad["child"]["first_name"] = 7
    spec = {"documents": [{"template": "pledge", "data": good}, {"template": "pledge", "data": bad},
                          {"template": "no-such-template", "data": good}]}
    with open(os.path.join(folder, "bad.json"), "w") as f:
        json.dump(spec, f)
    r = run([args.quire, "pack", os.path.join(folder, "bad.json"), "-o", out])
    t.check(r.returncode in (2, 3), f"a pack with bad documents: exit {r.returncode}")
    t.check("#/documents/1/data/child/first_name" in r.stderr, f"no error at /documents/1/data/child/first_name: {r.stderr}")
    t.check("#/documents/2/template" in r.stderr, f"no error at /documents/2/template: {r.stderr}")
    t.check(not os.path.exists(out), "a failed pack left a file")

    # PDF only.
    r = run([args.quire, "pack", SPEC, "-o", os.path.join(tmp, "pack.docx")])
    t.check(r.returncode == 2 and "usage.pack-format" in r.stderr, f"a .docx pack: exit {r.returncode} {r.stderr}")
    with open(SPEC) as f:
        docx_spec = json.load(f)
    docx_spec["format"] = "docx"
    for d in docx_spec["documents"]:
        d["data"] = os.path.join("items", os.path.basename(d["data"]))
    shutil.copy(os.path.join(ROOT, "examples", "pack", "items", "placement-review.json"), os.path.join(folder, "items"))
    with open(os.path.join(folder, "docx.json"), "w") as f:
        json.dump(docx_spec, f)
    r = run([args.quire, "pack", os.path.join(folder, "docx.json"), "-o", out])
    t.check(r.returncode == 2 and "usage.pack-format" in r.stderr, f"a spec asking for DOCX: exit {r.returncode} {r.stderr}")
t.finish()
