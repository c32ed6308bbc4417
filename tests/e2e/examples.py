"""Every templates/*/examples/*.json, and every example folder's examples/*/examples/*.json
(council templates kept outside quire's templates/, rendered as folders), renders to PDF and
DOCX (new ones are covered automatically); the PDFs pass qpdf --check and the DOCX files
convert in LibreOffice."""
import glob
import os
import tempfile

from common import ROOT, Failures, docx_to_pdf, parse_args, run

args = parse_args()
t = Failures("examples")
with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    docx_files = []
    built_in = sorted(glob.glob(os.path.join(ROOT, "templates", "*", "examples", "*.json")))
    folders = sorted(glob.glob(os.path.join(ROOT, "examples", "*", "examples", "*.json")))
    for example in built_in + folders:
        folder = os.path.dirname(os.path.dirname(example))
        template = os.path.basename(folder) if example in built_in else folder
        stem = os.path.basename(folder) + "-" + os.path.splitext(os.path.basename(example))[0]
        for ext in ("pdf", "docx"):
            out = os.path.join(tmp, f"{stem}.{ext}")
            r = run([args.quire, "render", template, example, "-o", out])
            t.check(r.returncode == 0 and os.path.exists(out), f"{stem}.{ext}: exit {r.returncode} {r.stderr}")
            if ext == "pdf" and os.path.exists(out):
                t.check(run(["qpdf", "--check", out]).returncode == 0, f"{stem}.pdf fails qpdf --check")
            if ext == "docx" and os.path.exists(out):
                docx_files.append(out)
    if docx_files:
        for docx, pdf in docx_to_pdf(docx_files, tmp).items():
            t.check(pdf is not None, f"LibreOffice could not convert {os.path.basename(docx)}")
    t.check(len(docx_files) > 0, "no examples found")
t.finish()
