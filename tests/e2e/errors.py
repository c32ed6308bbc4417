"""Bad input gets a clear error, the exit code of DESIGN.md section 5, and no output file."""
import os
import re
import shutil
import tempfile

from common import ROOT, Failures, parse_args, run, write_json

args = parse_args()
t = Failures("errors")
GOOD = {"child": {"first_name": "Sam"}, "council": {"name": "Northbridge City Council"}, "issued": "2026-03-14"}

with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    out = os.path.join(tmp, "out.pdf")

    def render(template, data, *extra, output=out):
        return run([args.quire, "render", template, data, "-o", output, *extra])

    # Bad JSON: exit 3 and file:line:col of the syntax error.
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        f.write('{\n  "child": {"first_name": "Sam"},\n  "council": {"name": "X"}\n  "issued": "2026-03-14"\n}\n')
    r = render("pledge", bad)
    t.check(r.returncode == 3, f"bad JSON exit {r.returncode}")
    t.check(re.search(r"bad\.json:4:\d+: error\[data\.syntax\]", r.stderr), f"bad JSON message: {r.stderr!r}")
    t.check(not os.path.exists(out), "bad JSON left an output file")

    # Schema violations: exit 3, every violation with its JSON pointer.
    invalid = os.path.join(tmp, "invalid.json")
    write_json(invalid, {"child": {"first_name": ""}, "council": {}, "issued": "14/03/2026", "care_leaver": "yes"})
    r = render("pledge", invalid)
    t.check(r.returncode == 3, f"schema exit {r.returncode}")
    for pointer in ["#/child/first_name", "#/council", "#/issued", "#/care_leaver"]:
        t.check(f"invalid.json{pointer}:" in r.stderr, f"no diagnostic for {pointer}: {r.stderr!r}")
    t.check(not os.path.exists(out), "invalid data left an output file")

    # A template error: exit 4 with file:line:col.
    good = os.path.join(tmp, "good.json")
    write_json(good, GOOD)
    broken = os.path.join(tmp, "broken")
    shutil.copytree(os.path.join(ROOT, "templates", "pledge"), broken)
    with open(os.path.join(broken, "template.xml"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    # An unknown filter just before the title: the error must name that line.
    at = next(i for i, line in enumerate(lines) if "<h1" in line)
    lines.insert(at, "    <p>{{ child.first_name | nosuchfilter }}</p>")
    with open(os.path.join(broken, "template.xml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    r = render(broken, good)
    t.check(r.returncode == 4, f"template error exit {r.returncode}: {r.stderr!r}")
    t.check(re.search(rf"template\.xml:{at + 1}:\d+: error\[template\.unknown-filter\]", r.stderr),
            f"template error message: {r.stderr!r}")
    t.check(not os.path.exists(out), "template error left an output file")

    # Unknown template: exit 2.
    r = render("no-such-template", good)
    t.check(r.returncode == 2, f"unknown template exit {r.returncode}")
    t.check("unknown-template" in r.stderr, f"unknown template message: {r.stderr!r}")

    # Unknown locale: exit 2.
    r = render("pledge", good, "--locale", "xx-Nope")
    t.check(r.returncode == 2, f"unknown locale exit {r.returncode}: {r.stderr!r}")

    # A failed render never replaces or leaves a file: an existing output stays as it was.
    with open(out, "wb") as f:
        f.write(b"previous")
    r = render("pledge", invalid)
    with open(out, "rb") as f:
        t.check(f.read() == b"previous", "a failed render changed the existing output")
    t.check(not [n for n in os.listdir(tmp) if ".part-" in n], "a temporary file was left behind")
    os.remove(out)

    # The good data renders.
    r = render("pledge", good)
    t.check(r.returncode == 0 and os.path.exists(out), f"good data: exit {r.returncode} {r.stderr!r}")
t.finish()
