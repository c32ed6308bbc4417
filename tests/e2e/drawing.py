"""Vector drawing end to end: a template with icons, a bar chart and a line chart renders
to a PDF that passes qpdf --check and draws the labels, and to a DOCX whose charts are
native chart parts; with --libreoffice, LibreOffice opens those parts as real charts."""
import os
import re
import shutil
import subprocess
import tempfile
import zipfile

from common import Failures, parse_args, run, write_json

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<document title="Drawing">
  <section title="Drawing">
    <h1>Icons and charts</h1>
    <icon name="home" alt="Home"/>
    <icon name="health" alt="Health" size="30" colour="#00703c"/>
    <icon name="star" decorative="true"/>
    <chart kind="bar" title="Attendance" alt="Attendance by term" categories="{{ terms }}" suffix="%" y-max="100"
           y-title="Per cent of days">
      <series name="2024" values="{{ a }}"/>
      <series name="2025" values="{{ b }}"/>
    </chart>
    <chart kind="line" title="Calls" alt="Calls by month" categories="Jan, Feb, Mar, Apr" height="140">
      <series name="Calls" values="4, 6, 5, 9"/>
    </chart>
  </section>
</document>
"""

args = parse_args([("--libreoffice", {"action": "store_true"})])
t = Failures("drawing")
with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    tdir = os.path.join(tmp, "drawing")
    os.makedirs(tdir)
    with open(os.path.join(tdir, "template.xml"), "w", encoding="utf-8") as f:
        f.write(TEMPLATE)
    data = os.path.join(tmp, "data.json")
    write_json(data, {"terms": ["Autumn", "Spring", "Summer"], "a": [88, 92.5, 95], "b": [90, 94, 97]})

    pdf = os.path.join(tmp, "drawing.pdf")
    r = run([args.quire, "render", tdir, data, "-o", pdf])
    t.check(r.returncode == 0 and os.path.exists(pdf), f"PDF: exit {r.returncode} {r.stderr}")
    if os.path.exists(pdf):
        t.check(run(["qpdf", "--check", pdf]).returncode == 0, "the PDF fails qpdf --check")
        text = run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout
        for label in ("Attendance", "Autumn", "Summer", "92.5%", "100%", "Per cent of days", "Calls", "Apr"):
            t.check(label in text, f"the PDF does not show {label!r}")

    docx = os.path.join(tmp, "drawing.docx")
    r = run([args.quire, "render", tdir, data, "-o", docx])
    t.check(r.returncode == 0 and os.path.exists(docx), f"DOCX: exit {r.returncode} {r.stderr}")
    if os.path.exists(docx):
        with zipfile.ZipFile(docx) as z:
            names = set(z.namelist())
            t.check({"word/charts/chart1.xml", "word/charts/chart2.xml"} <= names, f"chart parts missing: {names}")
            if "word/charts/chart1.xml" in names:
                bar = z.read("word/charts/chart1.xml").decode()
                t.check("<c:barChart>" in bar and bar.count("<c:ser>") == 2, "chart1 is not a two-series bar chart")
                t.check("<c:v>92.5</c:v>" in bar, "chart1 lacks its values")
            document = z.read("word/document.xml").decode()
            t.check(document.count("<a:custGeom>") == 3, "the three icons are not DrawingML shapes")
            t.check('descr="Health"' in document, "the icon's alt text is missing")

        if args.libreoffice:
            profile = tempfile.mkdtemp(prefix="quire-lo-")
            try:
                run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "odt",
                     "--outdir", tmp, docx], timeout=600)
            finally:
                shutil.rmtree(profile, ignore_errors=True)
            odt = os.path.join(tmp, "drawing.odt")
            t.check(os.path.exists(odt), "LibreOffice could not open the DOCX")
            if os.path.exists(odt):
                with zipfile.ZipFile(odt) as z:
                    classes = []
                    for name in z.namelist():
                        if re.fullmatch(r"Object \d+/content\.xml", name):
                            classes += re.findall(r'<chart:chart [^>]*?chart:class="chart:(\w+)"',
                                                  z.read(name).decode())
                    t.check(sorted(classes) == ["bar", "line"], f"LibreOffice charts: {classes}")
                    content = z.read("content.xml").decode()
                    t.check(content.count("<draw:custom-shape") >= 3, "LibreOffice lost the icon shapes")
t.finish()
