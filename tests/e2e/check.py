"""`quire check` (docs/CHECKS.md): exit codes 0/5/3/2, text and JSON output with exact pointers,
and `render` of a template with checks: warnings printed, --strict refuses with exit 5 and no file."""
import json
import os
import tempfile

from common import ROOT, Failures, parse_args, run, write_json

args = parse_args()
t = Failures("check")
with open(os.path.join(ROOT, "tests", "unit", "checks", "records", "care-plan-clean.json")) as f:
    CLEAN = json.load(f)

with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    clean = os.path.join(tmp, "clean.json")
    write_json(clean, CLEAN)
    r = run([args.quire, "check", "care-plan", clean])
    t.check(r.returncode == 0, f"clean record exit {r.returncode}: {r.stdout} {r.stderr}")
    t.check("0 error(s), 0 warning(s)" in r.stdout, f"clean record output: {r.stdout!r}")

    gaps = json.loads(json.dumps(CLEAN))
    del gaps["areas"][2]["actions"][0]["who"]
    del gaps["areas"][0]["views"]
    gaps["areas"] = [a for a in gaps["areas"] if a["area"] != "identity"]
    gapped = os.path.join(tmp, "gaps.json")
    write_json(gapped, gaps)
    r = run([args.quire, "check", "care-plan", gapped, "--format", "json"])
    t.check(r.returncode == 5, f"record with gaps exit {r.returncode}")
    try:
        found = json.loads(r.stdout)["findings"]
    except (ValueError, KeyError):
        found = []
        t.check(False, f"--format json is not {{\"findings\": ...}}: {r.stdout!r}")
    got = {(f["code"], f["pointer"], f["severity"]) for f in found}
    for want in [("plan.action.owner", "/areas/2/actions/0/who", "error"),
                 ("plan.area.missing", "/areas", "error"),
                 ("plan.voice.missing", "/areas/0", "warning")]:
        t.check(want in got, f"missing finding {want} in {sorted(got)}")
    t.check(all(set(f) >= {"code", "severity", "pointer", "message", "hint"} for f in found), "finding keys")

    r = run([args.quire, "check", "care-plan", gapped])
    t.check("gaps.json#/areas/2/actions/0/who: error[plan.action.owner]" in r.stdout, f"text output: {r.stdout!r}")

    bad = json.loads(json.dumps(CLEAN))
    bad["areas"][2]["actions"][0]["by"] = "2026-02-30"
    bad["child"]["language"] = "tlh"
    bad_path = os.path.join(tmp, "bad.json")
    write_json(bad_path, bad)
    r = run([args.quire, "check", "care-plan", bad_path])
    t.check(r.returncode == 3, f"bad record exit {r.returncode}")
    t.check("#/areas/2/actions/0/by: error[data.date]" in r.stdout, f"bad date: {r.stdout!r}")
    t.check("#/child/language: error[data.unknown-language]" in r.stdout, f"bad language: {r.stdout!r}")

    r = run([args.quire, "check", "pledge", clean])
    t.check(r.returncode == 2 and "usage.no-checks" in r.stdout, f"template without checks: {r.returncode} {r.stdout!r}")
    r = run([args.quire, "check", "care-plan", clean, "--format", "yaml"])
    t.check(r.returncode == 2, f"bad --format exit {r.returncode}")

    # render of a template folder with rules: warnings printed; --strict refuses.
    folder = os.path.join(tmp, "plan")
    os.mkdir(folder)
    with open(os.path.join(folder, "template.xml"), "w") as f:
        f.write('<document>\n<section title="Plan">\n<for each="a in areas"><p>{{ a.area }}: {{ a.needs }}</p></for>\n'
                '</section>\n</document>\n')
    with open(os.path.join(folder, "checks.yaml"), "w") as f:
        f.write("areas:\n  - id: health\n    source: CPPCR 2010 reg 5(b)(i)\n"
                "  - id: education\n    source: CPPCR 2010 reg 5(b)(ii)\n")
    record = os.path.join(tmp, "record.json")
    write_json(record, {"areas": [{"area": "health", "needs": "Well."}]})
    out = os.path.join(tmp, "out.pdf")
    r = run([args.quire, "render", folder, record, "-o", out])
    t.check(r.returncode == 0 and os.path.exists(out), f"render with warnings exit {r.returncode}: {r.stderr}")
    t.check("warning[plan.area.missing]" in r.stderr, f"render printed no check warning: {r.stderr!r}")
    os.remove(out)
    r = run([args.quire, "render", folder, record, "-o", out, "--strict"])
    t.check(r.returncode == 5, f"render --strict exit {r.returncode}")
    t.check("error[plan.area.missing]" in r.stderr, f"render --strict message: {r.stderr!r}")
    t.check(not os.path.exists(out), "render --strict left a file")

    # check finds a template folder exactly as render does: a path, ./NAME and a bare NAME
    # that is a folder here (the template is outside the repo and has its own rules).
    for ref, cwd in [(folder, None), ("./plan", tmp), ("plan", tmp)]:
        r = run([args.quire, "check", ref, record, "--format", "json"], cwd=cwd)
        codes = [f["code"] for f in json.loads(r.stdout or '{"findings": []}')["findings"]] if r.stdout.startswith("{") else []
        t.check(r.returncode == 5 and "plan.area.missing" in codes, f"check {ref}: {r.returncode} {r.stdout!r}")
        r = run([args.quire, "render", ref, record, "-o", out], cwd=cwd)
        t.check(r.returncode == 0 and "warning[plan.area.missing]" in r.stderr, f"render {ref}: {r.returncode} {r.stderr!r}")
        if os.path.exists(out):
            os.remove(out)
    for ref in ["no-such-plan", os.path.join(tmp, "no-such-folder")]:
        c = run([args.quire, "check", ref, record])
        r = run([args.quire, "render", ref, record, "-o", out])
        t.check(c.returncode == r.returncode == 2, f"unknown {ref}: check {c.returncode}, render {r.returncode}")
        t.check("error[usage.unknown-template]" in c.stdout and "error[usage.unknown-template]" in r.stderr,
                f"unknown {ref}: check {c.stdout!r}, render {r.stderr!r}")

t.finish()
