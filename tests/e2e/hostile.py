"""Hostile input through the CLI (issue 12): no escape from the template folder, no file
overwritten through the temporary name, clear exit codes, no crash."""
import json
import os
import shutil
import tempfile

from common import ROOT, Failures, parse_args, run, write_json

args = parse_args()
t = Failures("hostile")
GOOD = {"child": {"first_name": "Sam"}, "council": {"name": "Northbridge City Council"}, "issued": "2026-03-14"}

with tempfile.TemporaryDirectory(prefix="quire-hostile-") as tmp:
    good = os.path.join(tmp, "good.json")
    write_json(good, GOOD)
    secret = os.path.join(tmp, "secret.txt")
    with open(secret, "w") as f:
        f.write("the council's secret\n")

    def render(template, data, output, *extra):
        return run([args.quire, "render", template, data, "-o", output, *extra])

    def template(name, xml, files=None):
        folder = os.path.join(tmp, name)
        os.makedirs(folder)
        with open(os.path.join(folder, "template.xml"), "w") as f:
            f.write(xml)
        for rel, target in (files or {}).items():
            os.symlink(target, os.path.join(folder, rel))
        return folder

    out = os.path.join(tmp, "out.pdf")

    # A symlinked partial and a folder link `up -> /` cannot read outside the folder.
    linked = template("linked", '<document>\n<include src="p.xml"/>\n</document>', {"p.xml": secret})
    r = render(linked, good, out)
    t.check(r.returncode == 4 and "template.include" in r.stderr, f"symlinked partial: {r.returncode} {r.stderr!r}")
    t.check("secret" not in r.stderr.replace(secret, ""), "the partial's contents leaked")
    up = template("up", '<document>\n<include src="up' + tmp + '/secret.txt"/>\n</document>', {"up": "/"})
    r = render(up, good, out)
    t.check(r.returncode == 4 and "template.include" in r.stderr, f"folder link: {r.returncode} {r.stderr!r}")
    img = template("img", '<document>\n<img src="up/etc/hostname" alt="x"/>\n</document>', {"up": "/"})
    r = render(img, good, out)
    t.check(r.returncode == 4 and "cannot read image" in r.stderr, f"image via link: {r.returncode} {r.stderr!r}")
    t.check(not os.path.exists(out), "a refused template left an output")

    # A symlink planted where the temporary file would go is not followed.
    victim = os.path.join(tmp, "victim.txt")
    with open(victim, "w") as f:
        f.write("keep me")
    for pid in range(os.getpid(), os.getpid() + 200):
        os.symlink(victim, f"{out}.part-{pid}")
    r = render("pledge", good, out)
    t.check(r.returncode == 0, f"render beside planted links: {r.returncode} {r.stderr!r}")
    with open(victim) as f:
        t.check(f.read() == "keep me", "a planted symlink was followed: the victim was overwritten")
    t.check(os.path.exists(out) and not os.path.islink(out), "the output is not a plain file")
    # The output itself being a link: the link is replaced, not what it points to.
    os.remove(out)
    os.symlink(victim, out)
    r = render("pledge", good, out)
    with open(victim) as f:
        t.check(f.read() == "keep me", "the output's symlink was followed")
    t.check(not os.path.islink(out), "the output is still a link")
    t.check(not [n for n in os.listdir(tmp) if n.startswith(".out.pdf.part")], "a temporary file was left behind")

    # -o into a missing folder: a usage error naming the folder, not a hidden temporary file.
    missing = os.path.join(tmp, "no", "such")
    r = render("pledge", good, os.path.join(missing, "x.pdf"))
    t.check(r.returncode == 2, f"missing folder exit {r.returncode}: {r.stderr!r}")
    t.check(missing in r.stderr and ".part" not in r.stderr, f"missing folder message: {r.stderr!r}")

    # An impossible date is the data's fault: exit 3 with its pointer.
    bad_date = os.path.join(tmp, "date.json")
    write_json(bad_date, dict(GOOD, issued="2026-02-31"))
    r = render("pledge", bad_date, out)
    t.check(r.returncode == 3, f"impossible date exit {r.returncode}: {r.stderr!r}")
    t.check("date.json#/issued" in r.stderr, f"impossible date message: {r.stderr!r}")

    # A deeply nested expression and deeply nested data: clear errors, no crash.
    deep = template("deep", "<document>\n<p>{{ " + "(" * 100000 + "1" + ")" * 100000 + " }}</p>\n</document>")
    r = render(deep, good, out)
    t.check(r.returncode == 4 and "template.limit" in r.stderr, f"deep expression: {r.returncode} {r.stderr[:300]!r}")
    deep_data = os.path.join(tmp, "deep.json")
    with open(deep_data, "w") as f:
        f.write('{"child": ' + "[" * 100000 + "]" * 100000 + "}")
    r = render("pledge", deep_data, out)
    t.check(r.returncode == 3 and "data.limit" in r.stderr, f"deep data: {r.returncode} {r.stderr[:300]!r}")

    # Batch: ids that collide (also with a default name, also by case) lose no record.
    records = os.path.join(tmp, "records.jsonl")
    rows = [dict(GOOD, id="ann"), dict(GOOD, id="Ann"), dict(GOOD), dict(GOOD, id="record-000003"), dict(GOOD, id="ann")]
    with open(records, "w") as f:
        f.write("".join(json.dumps(r) + "\n" for r in rows))
    outdir = os.path.join(tmp, "batch")
    r = run([args.quire, "batch", "pledge", records, "-o", outdir])
    t.check(r.returncode == 0, f"batch exit {r.returncode}: {r.stderr!r}")
    names = sorted(os.listdir(outdir))
    t.check(len(names) == len(rows), f"batch wrote {names} for {len(rows)} records")
    t.check(f"{len(rows)} rendered" in r.stderr, f"batch summary: {r.stderr!r}")
t.finish()
