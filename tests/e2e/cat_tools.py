"""Translators in any CAT tool (issue 14): each mistake a professional translator's trial found,
reproduced on a copy of the templates and catalogues. Review states survive translate-toolkit
(load, edit, approve, save, import); placeholders travel as <ph> inline codes and come back from
<ph>, <x/> or flattened text; an empty target, another script, another language's letters, a
region tag, an over-long target, a hand-broken catalogue and a stale needs-review string each
get their exit code and message; English shown in an Arabic document keeps its full stop on
its own side; the translator's lists, glossary and TMX."""
import json
import os
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    from translate.storage import xliff as tt_xliff
except ImportError:  # Debian's translate-toolkit, when another python3 comes first on PATH
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

from common import ROOT, XLIFF, Failures, parse_args, pdf_info, pdf_text, run, squash, write_json

args = parse_args()
t = Failures("cat_tools")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def units(xliff_path):
    """id -> (trans-unit element) of an XLIFF file."""
    return {u.get("id"): u for u in ET.parse(xliff_path).iter(XLIFF + "trans-unit")}


def target_text(unit):
    target = unit.find(XLIFF + "target")
    return "".join(target.itertext()) if target is not None else None


def set_target(xliff, unit_id, inner, state=None):
    """The XLIFF text with one unit's target content (raw XML) replaced, and its state if given."""
    def repl(m):
        open_tag = m.group(1)
        if state:
            open_tag = re.sub(r'state="[^"]*"', f'state="{state}"', open_tag)
        return open_tag + inner + m.group(3)
    out = re.sub(r'(<trans-unit id="' + re.escape(unit_id) + r'".*?<target[^>]*>)(.*?)(</target>)', repl, xliff,
                 count=1, flags=re.S)
    t.check(out != xliff or inner in xliff, f"could not edit {unit_id} in the XLIFF")
    return out


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


with tempfile.TemporaryDirectory(prefix="quire-e2e-cat-") as home:
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(home, "templates"))
    shutil.copytree(os.path.join(ROOT, "locales"), os.path.join(home, "locales"))
    env = dict(os.environ, QUIRE_HOME=home)
    ar_path = os.path.join(home, "locales", "ar", "messages.xlf")
    xlf = os.path.join(home, "ar.xlf")

    def q(*a):
        return run([args.quire, *a], env=env)

    def export(tag="ar", path=xlf):
        r = q("locales", "export", tag, "-o", path)
        t.check(r.returncode == 0, f"export {tag}: exit {r.returncode}: {r.stderr}")
        with open(path, encoding="utf-8") as f:
            return f.read()

    def status(tag="ar"):
        r = q("locales", "status", tag, "--format", "json")
        return json.loads(r.stdout)[0] if r.returncode == 0 else {}

    def listed(kind, tag="ar"):
        r = q("locales", "status", tag, "--list", kind, "--format", "json")
        t.check(r.returncode == 0, f"status --list {kind}: exit {r.returncode}: {r.stderr}")
        return {row["id"]: row for row in json.loads(r.stdout or "[]")}

    data = os.path.join(home, "child.json")
    write_json(data, {"child": {"first_name": "Amani"}, "council": {"name": "Northbridge City Council"},
                      "issued": "2026-03-14"})

    # 1. Review states survive translate-toolkit: load, edit one string, approve another, save, import.
    export()
    store = tt_xliff.xlifffile.parsefile(xlf)
    by_id = {u.getid().split("\x04")[-1]: u for u in store.units}
    t.check(all(u.isfuzzy() for u in store.units if u.target),
            "machine drafts should show as unapproved (fuzzy) in translate-toolkit")
    edited = by_id["pledge.title"]
    edited.target = "وعدُنا لكَ"
    edited.markapproved(True)
    approved_only = by_id["pledge.promises_heading"]
    approved_only.markapproved(True)
    store.savefile(xlf)
    r = q("locales", "import", xlf)
    t.check(r.returncode == 0, f"import of translate-toolkit's file: exit {r.returncode}: {r.stderr}")
    t.check("updated pledge.promises_heading" in r.stdout, f"approved=\"yes\" was dropped: {r.stdout}")
    t.check("updated pledge.title" in r.stdout, f"the edit was not imported: {r.stdout}")
    machine = listed("machine")
    t.check("pledge.title" not in machine, "an edited and approved string still counts as a machine draft")
    t.check("pledge.promises_heading" not in machine, "a signed-off string still counts as a machine draft")
    t.check(status().get("reviewed") == 2, f"two strings should be signed off: {status()}")
    # ... and come back approved in the next export, so translate-toolkit shows them as done.
    export()
    store = tt_xliff.xlifffile.parsefile(xlf)
    by_id = {u.getid().split("\x04")[-1]: u for u in store.units}
    t.check(by_id["pledge.title"].isapproved() and not by_id["pledge.title"].isfuzzy(),
            "a signed-off string is not approved in the export")
    t.check(by_id["pledge.intro"].isfuzzy(), "a machine draft is exported as approved")
    r = q("locales", "import", xlf)
    t.check(r.returncode == 0 and "no changes" in r.stdout and "wrote" not in r.stdout,
            f"a second round trip changed something: {r.stdout}")

    # A unit marked fuzzy (translate-toolkit writes state="needs-translation" approved="no") keeps
    # its text as a draft for the translator, and the document shows the English meanwhile.
    store = tt_xliff.xlifffile.parsefile(xlf)
    by_id = {u.getid().split("\x04")[-1]: u for u in store.units}
    by_id["pledge.intro"].markfuzzy(True)
    draft = target_text(units(ar_path)["pledge.intro"])
    store.savefile(xlf)
    r = q("locales", "import", xlf)
    t.check(r.returncode == 0, f"import of a fuzzy unit: {r.returncode} {r.stderr}")
    t.check("pledge.intro" in listed("new"), "a fuzzy unit should count as not translated")
    export()
    fuzzy = units(xlf)["pledge.intro"]
    t.check(target_text(fuzzy) == draft and fuzzy.find(XLIFF + "target").get("state") == "needs-translation",
            "the fuzzy draft was not kept for the translator")
    r = q("render", "pledge", data, "--locale", "ar", "-o", os.path.join(home, "fuzzy.pdf"))
    t.check("pledge.intro (not translated" in r.stderr, f"a fuzzy draft should print in English: {r.stderr}")
    store = tt_xliff.xlifffile.parsefile(xlf)
    for u in store.units:
        if u.getid().endswith("pledge.intro"):
            u.markfuzzy(False)
    store.savefile(xlf)
    r = q("locales", "import", xlf)
    t.check(r.returncode == 0 and "pledge.intro" not in listed("new"), f"unfuzzying: {r.stdout} {r.stderr}")

    # The reviewed strings (and only they) go into a TMX memory that a CAT tool reads.
    from translate.storage import tmx as tt_tmx
    memory = os.path.join(home, "ar.tmx")
    r = q("locales", "tmx", "ar", "-o", memory)
    t.check(r.returncode == 0, f"tmx: exit {r.returncode}: {r.stderr}")
    if r.returncode == 0:
        tm = tt_tmx.tmxfile.parsefile(memory)
        pairs = {u.source: u.target for u in tm.units}
        # The two approved in translate-toolkit, and the one un-fuzzied there (which approves it).
        t.check(len(pairs) == 3 and all(target_text(units(ar_path)[k]) in pairs.values()
                                        for k in ("pledge.title", "pledge.promises_heading", "pledge.intro")),
                f"the TMX should hold the three signed-off strings: {pairs}")
        t.check('<ph x="1">{council}</ph>' in open(memory, encoding="utf-8").read(),
                "the TMX does not carry placeholders as inline codes")

    # 2. Placeholders are <ph> inline codes; <ph>, <x/> by id and flattened text all come back.
    xliff = export()
    t.check('<ph id="1">{name}</ph>' in xliff, "{name} is not exported as an inline code")
    before = read(ar_path)
    for label, inner in [("<ph>", 'أهلًا <ph id="1">{name}</ph>،'), ("<x/>", 'أهلًا <x id="1"/>،'),
                         ("flattened", "أهلًا {name}،")]:
        write(xlf, set_target(xliff, "pledge.greeting", inner))
        r = q("locales", "import", xlf)
        t.check(r.returncode == 0, f"{label}: import exit {r.returncode}: {r.stderr}")
        t.check(target_text(units(ar_path)["pledge.greeting"]) == "أهلًا {name}،",
                f"{label}: the catalogue holds {target_text(units(ar_path)['pledge.greeting'])!r}")
    out = os.path.join(home, "greeting.pdf")
    r = q("render", "pledge", data, "--locale", "ar", "--strict", "-o", out)
    t.check(r.returncode == 0 and "Amani" in pdf_text(out), f"the greeting lost the name: {r.stderr}")
    write(xlf, set_target(xliff, "pledge.greeting", 'أهلًا <x id="9"/>،'))
    r = q("locales", "import", xlf)
    t.check(r.returncode == 4 and "inline code" in r.stderr, f"an <x/> naming no code: {r.returncode} {r.stderr}")

    # 3. An empty target is refused, naming the string; the catalogue is unchanged.
    before = read(ar_path)
    write(xlf, set_target(xliff, "pledge.promises_heading", ""))
    r = q("locales", "import", xlf)
    t.check(r.returncode == 4 and "locale.empty-target" in r.stderr and "pledge.promises_heading" in r.stderr,
            f"empty target: exit {r.returncode}: {r.stderr}")
    t.check(read(ar_path) == before, "a refused import changed the catalogue")

    # 4. Another script is refused; another language of the same script is a warning (--strict refuses).
    am_title = target_text(units(os.path.join(home, "locales", "am", "messages.xlf"))["pledge.title"])
    write(xlf, set_target(xliff, "pledge.title", am_title))
    r = q("locales", "import", xlf)
    t.check(r.returncode == 4 and "locale.wrong-script" in r.stderr and "Ethiopic" in r.stderr,
            f"Amharic in the Arabic catalogue: exit {r.returncode}: {r.stderr}")
    ps_xlf = os.path.join(home, "ps.xlf")
    ps_as_ar = export("ps", ps_xlf).replace('target-language="ps"', 'target-language="ar"')
    write(ps_xlf, ps_as_ar)
    r = q("locales", "import", ps_xlf, "--dry-run")
    t.check("locale.wrong-language" in r.stderr and "Pashto" in r.stderr,
            f"Pashto in the Arabic catalogue gave no warning: {r.returncode} {r.stderr[-600:]}")
    r = q("locales", "import", ps_xlf, "--strict")
    t.check(r.returncode == 4 and read(ar_path) == before, f"--strict imported Pashto as Arabic: {r.returncode}")
    # ... and a whole file of it is refused even without --strict: one label must not replace a language.
    r = q("locales", "import", ps_xlf)
    t.check(r.returncode == 4 and "this text is not Arabic" in r.stderr and read(ar_path) == before,
            f"a Pashto file labelled Arabic was imported: {r.returncode} {r.stderr[-400:]}")
    ps_path = os.path.join(home, "locales", "ps", "messages.xlf")
    ps_before = read(ps_path)
    write(xlf, xliff.replace('target-language="ar"', 'target-language="ps-AF"'))
    r = q("locales", "import", xlf)
    t.check(r.returncode == 4 and read(ps_path) == ps_before, f"an Arabic file labelled ps-AF replaced Pashto: {r.returncode}")

    # The glossary: "independent reviewing officer" translated another way is a warning naming the term.
    closing = target_text(units(ar_path)["pledge.closing"])
    t.check("مسؤول المراجعة المستقل" in closing, "the Arabic closing does not use the glossary's term")
    write(xlf, set_target(xliff, "pledge.closing", closing.replace("مسؤول المراجعة المستقل", "الضابط المستقل")))
    r = q("locales", "import", xlf, "--dry-run")
    t.check("locale.glossary" in r.stderr and "independent reviewing officer" in r.stderr
            and "glossary.csv" in r.stderr, f"glossary: {r.stderr}")
    r = q("locales", "import", xlf, "--strict")
    t.check(r.returncode == 4, f"--strict accepted a term against the glossary: {r.returncode}")

    # 5. Region tags resolve to the shipped catalogue; an unknown language is refused.
    for tag in ("ar-SA", "ar_SA"):
        write(xlf, xliff.replace('target-language="ar"', f'target-language="{tag}"'))
        r = q("locales", "import", xlf)
        t.check(r.returncode == 0, f"{tag} import: exit {r.returncode}: {r.stderr}")
    t.check(not os.path.exists(os.path.join(home, "locales", "ar-SA")), "ar-SA created a new catalogue folder")
    r = q("locales", "export", "ps-AF", "-o", os.path.join(home, "ps-af.xlf"))
    t.check(r.returncode == 0 and 'target-language="ps"' in open(os.path.join(home, "ps-af.xlf"), encoding="utf-8").read(),
            f"export ps-AF: {r.returncode} {r.stderr}")
    r = q("locales", "export", "zz", "-o", os.path.join(home, "zz.xlf"))
    t.check(r.returncode == 2 and "shipped" in r.stderr and not os.path.exists(os.path.join(home, "zz.xlf")),
            f"export zz: exit {r.returncode}: {r.stderr}")
    write(xlf, xliff.replace('target-language="ar"', 'target-language="zz"'))
    for extra in ([], ["--dry-run"]):
        r = q("locales", "import", xlf, *extra)
        t.check(r.returncode == 2 and "updated" not in r.stdout, f"import zz {extra}: exit {r.returncode}: {r.stdout}")

    # 6. maxwidth: a 48-character title where the page has room for 40 warns, and --strict refuses.
    long_title = "وعدنا لك " * 5 + "ووو"
    t.check(len(long_title) > 40, "test title is not too long")
    write(xlf, set_target(xliff, "pledge.title", long_title))
    r = q("locales", "import", xlf, "--dry-run")
    t.check("locale.too-long" in r.stderr and "40" in r.stderr, f"over-long target: {r.stderr}")
    before = read(ar_path)
    r = q("locales", "import", xlf, "--strict")
    t.check(r.returncode == 4 and read(ar_path) == before, f"--strict accepted an over-long target: {r.returncode}")

    # 7. A catalogue broken by hand never reaches the child: {nmae} falls back to English.
    text = open(ar_path, encoding="utf-8").read()
    write(ar_path, re.sub(r'(<trans-unit id="pledge.greeting".*?<target[^>]*>[^<]*)\{name\}', r"\1{nmae}", text,
                          count=1, flags=re.S))
    r = q("locales", "check", "ar")
    t.check(r.returncode == 5 and "nmae" in r.stderr, f"check missed {{nmae}}: {r.returncode}")
    out = os.path.join(home, "broken.pdf")
    r = q("render", "pledge", data, "--locale", "ar", "-o", out)
    t.check(r.returncode == 0 and "pledge.greeting" in r.stderr, f"render with {{nmae}}: {r.returncode} {r.stderr}")
    if os.path.exists(out):
        body = pdf_text(out)
        t.check("nmae" not in body and "Amani" in body, "the child's document shows {nmae} or lost the name")
        custom = run(["pdfinfo", "-custom", out]).stdout
        t.check(re.search(r"quire:untranslated:\s*pledge\.greeting", custom),
                f"the PDF metadata does not name the untranslated string: {custom}")
    r = q("render", "pledge", data, "--locale", "ar", "--strict", "-o", os.path.join(home, "strict.pdf"))
    t.check(r.returncode == 5 and "pledge.greeting" in r.stderr, f"--strict rendered {{nmae}}: {r.returncode}")
    write(ar_path, text)

    # 8. ICU errors in words, at the right place.
    broken_text = re.sub(r'(<trans-unit id="pledge.promises_heading".*?<target[^>]*>\S+)', r"\1 {", text, count=1,
                         flags=re.S)
    t.check(broken_text != text, "could not put a stray brace in the catalogue")
    write(ar_path, broken_text)
    r = q("locales", "check", "ar")
    m = re.search(r"messages\.xlf:(\d+):(\d+): error\[locale\.syntax\]: 'pledge\.promises_heading': a '\{' is not "
                  r"closed", r.stderr)
    t.check(m is not None, f"stray brace: {r.stderr}")
    if m:
        line = broken_text.splitlines()[int(m.group(1)) - 1]
        t.check(line[int(m.group(2)) - 1:].startswith("{"), f"column {m.group(2)} does not point at the brace: {line}")
    write(ar_path, text)

    for label, broken_text, expect in [
            ("stray }", re.sub(r'(<trans-unit id="pledge.promises_heading".*?<target[^>]*>\S+)', r"\1 }", text, count=1,
                               flags=re.S), "a '}' closes nothing"),
            ("apostrophes", re.sub(r"(<trans-unit id=\"pledge.greeting\".*?<target[^>]*>[^<]*)\{name\}", r"\1'{name}'",
                                   text, count=1, flags=re.S), "apostrophe")]:
        t.check(broken_text != text, f"could not write the {label} case")
        write(ar_path, broken_text)
        r = q("locales", "check", "ar")
        t.check(r.returncode == 5 and expect in r.stderr, f"{label}: {r.returncode} {r.stderr[-300:]}")
        t.check("ICU:" not in r.stderr and "U_" not in r.stderr, f"{label}: ICU's internals in the message")
        row = status()
        t.check(row.get("broken") == 1 and row.get("percent_complete", 100) < 100,
                f"{label}: status does not count the broken string: {row}")
        t.check(list(listed("broken")) in (["pledge.promises_heading"], ["pledge.greeting"]), f"{label}: --list broken")
    write(ar_path, text)

    # Two copies of the catalogue in one folder: the error names both files.
    shutil.copy(ar_path, os.path.join(home, "locales", "ar", "messages-backup.xlf"))
    r = q("render", "pledge", data, "--locale", "ar", "-o", os.path.join(home, "dup.pdf"))
    t.check(r.returncode == 4 and "messages-backup.xlf" in r.stderr and "first at" in r.stderr,
            f"duplicate catalogue: {r.returncode} {r.stderr[:300]}")
    os.remove(os.path.join(home, "locales", "ar", "messages-backup.xlf"))

    # 9. The English changes: extract says what it costs; a stale string left needs-review stays stale.
    template = os.path.join(home, "templates", "pledge", "template.xml")
    tpl = open(template, encoding="utf-8").read()
    new_body = "We will find you a safe, warm home where you are cared for, and tell you why you live there and for how long."
    changed = re.sub(r'(<t id="pledge\.promise\.home\.body"[^>]*>)[^<]*(</t>)', rf"\g<1>{new_body}\g<2>", tpl)
    t.check(changed != tpl, "could not change the English in the template")
    write(template, changed)
    r = q("locales", "extract")
    locales_count = len([d for d in os.listdir(os.path.join(home, "locales")) if d != "en-GB"])
    t.check(f"1 changed string(s) now out of date in {locales_count} language(s)" in r.stdout,
            f"extract does not say what went stale: {r.stdout}")
    stale = listed("stale")
    t.check(list(stale) == ["pledge.promise.home.body"] and stale["pledge.promise.home.body"]["english"] == new_body,
            f"status --list stale: {stale}")
    t.check(stale and "why you live there" in stale["pledge.promise.home.body"]["old_english"],
            "--list stale does not show the old English")
    r = q("locales", "check", "ar", "--strict")
    t.check(r.returncode == 5 and "locale.stale" in r.stderr, f"check --strict passed a stale string: {r.returncode}")
    xliff = export()
    write(xlf, xliff)  # sent back untouched, still needs-review-translation: nobody confirmed it
    r = q("locales", "import", xlf)
    t.check(r.returncode == 0, f"import of an untouched stale string: {r.returncode} {r.stderr}")
    t.check("pledge.promise.home.body" in listed("stale"), "an untouched needs-review string counts as translated")
    r = q("render", "pledge", data, "--locale", "ar", "--strict", "-o", os.path.join(home, "stale.pdf"))
    t.check(r.returncode == 5 and "pledge.promise.home.body" in r.stderr, f"--strict printed a stale string: {r.returncode}")

    # 10. The English fallback inside the Arabic document reads left to right, its full stop at its end.
    out = os.path.join(home, "fallback.pdf")
    r = q("render", "pledge", data, "--locale", "ar", "-o", out)
    t.check(r.returncode == 0 and "pledge.promise.home.body" in r.stderr,
            f"the render warning does not name the string: {r.stderr}")
    if os.path.exists(out):
        flat = squash(pdf_text(out))
        t.check(squash("for how long.") in flat and squash(".why you live") not in flat,
                "the fallback sentence's full stop is on the wrong side")

    # A translator's preview: the string in its place, in the preview colour (the style sheet's
    # "preview" #a8005c); nothing else in that colour.
    preview = os.path.join(home, "preview.pdf")
    r = q("locales", "preview", "ar", "pledge.promises_heading", "-o", preview)
    t.check(r.returncode == 0 and os.path.exists(preview), f"preview: exit {r.returncode}: {r.stderr}")
    if os.path.exists(preview):
        qdf = os.path.join(home, "preview-qdf.pdf")
        run(["qpdf", "--qdf", "--object-streams=disable", preview, qdf])
        coloured = len(re.findall(rb"0\.659 0 0\.361 rg", read(qdf)))
        t.check(coloured == 1, f"the previewed string should be drawn once in the preview colour, not {coloured} times")
        heading = target_text(units(ar_path)["pledge.promises_heading"])
        t.check(squash(heading) in squash(pdf_text(preview)), "the previewed string is not on the page")
    r = q("locales", "preview", "ar", "no.such.id", "-o", preview)
    t.check(r.returncode == 2 and "no.such.id" in r.stderr, f"preview of an unknown id: {r.returncode}")

    # 11. Rewritten but left for review, it translates the new English and is listed for review.
    write(xlf, set_target(xliff, "pledge.promise.home.body", "سنجد لك بيتًا آمنًا ودافئًا ونخبرك لماذا تعيش فيه."))
    r = q("locales", "import", xlf)
    t.check(r.returncode == 0 and "still marked for review" in r.stdout, f"rewritten stale string: {r.stdout}")
    t.check("pledge.promise.home.body" not in listed("stale") and "pledge.promise.home.body" in listed("review"),
            "a rewritten string is still stale, or not listed for review")
    export()
    alt = units(xlf)["pledge.promise.home.body"].find(XLIFF + "alt-trans")
    t.check(alt is None, "the rewritten string still carries an alt-trans pairing old English with new text")
t.finish()
