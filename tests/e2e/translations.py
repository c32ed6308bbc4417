"""The translators' workflow end to end, on a copy of the templates and catalogues:
status, check, export/import round trip, a changed English string going stale in
every locale, the visible English fallback, --strict, and imports that are refused."""
import json
import os
import re
import shutil
import tempfile

from common import ROOT, XLIFF, Failures, letters, parse_args, pdf_info, pdf_text, run, squash, write_json

args = parse_args()
t = Failures("translations")
TITLE = "pledge.promise.home.title"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def set_target(xliff, unit_id, text):
    """The export with one unit's target replaced by plain text, placeholders flattened, as
    a CAT tool that does not keep inline codes writes it."""
    from xml.sax.saxutils import escape
    return re.sub(r'(<trans-unit id="' + re.escape(unit_id) + r'".*?<target[^>]*>).*?(</target>)',
                  lambda m: m.group(1) + escape(text) + m.group(2), xliff, count=1, flags=re.S)


def unit_target(xliff, unit_id):
    """The text of one unit's target in an XLIFF string, inline codes flattened."""
    import xml.etree.ElementTree as ET
    for u in ET.fromstring(xliff.encode("utf-8")).iter(XLIFF + "trans-unit"):
        if u.get("id") == unit_id and u.find(XLIFF + "target") is not None:
            return "".join(u.find(XLIFF + "target").itertext())
    return None


def status_rows(q):
    r = q("locales", "status", "--format", "json")
    t.check(r.returncode == 0, f"status exit {r.returncode}: {r.stderr}")
    return {row["locale"]: row for row in json.loads(r.stdout or "[]")}


with tempfile.TemporaryDirectory(prefix="quire-e2e-tr-") as home:
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(home, "templates"))
    shutil.copytree(os.path.join(ROOT, "locales"), os.path.join(home, "locales"))
    env = dict(os.environ, QUIRE_HOME=home)
    locales = sorted(d for d in os.listdir(os.path.join(home, "locales")) if d != "en-GB")
    ar_path = os.path.join(home, "locales", "ar", "messages.xlf")
    en_path = os.path.join(home, "locales", "en-GB", "messages.xlf")

    def q(*a):
        return run([args.quire, *a], env=env)

    # The shipped catalogues: every locale listed, nothing stale, checks clean, extract has nothing to do.
    rows = status_rows(q)
    t.check(sorted(rows) == locales, f"status lists {sorted(rows)}, expected {locales}")
    t.check(all(r["stale"] == 0 for r in rows.values()), f"shipped catalogues have stale strings: {rows}")
    # The Pledge's strings (and the engine's common ones) are translated in every locale; the
    # plan templates' strings may still be new in some (their documents show the English with
    # the fallback notice until a translator has them).
    for tag in locales:
        r = q("locales", "status", tag, "--list", "new", "--format", "json")
        new_ids = [u["id"] for u in json.loads(r.stdout or "[]")] if r.returncode == 0 else None
        t.check(new_ids is not None and not [i for i in new_ids if i.startswith(("pledge.", "common."))],
                f"{tag}: Pledge strings not translated: {new_ids if new_ids is None else [i for i in new_ids if i.startswith(('pledge.', 'common.'))]}")
    r = q("locales", "check")
    t.check(r.returncode == 0, f"check on the shipped catalogues: exit {r.returncode}: {r.stderr[-2000:]}")
    r = q("locales", "extract", "--dry-run")
    t.check(r.returncode == 0 and "up to date" in r.stdout, f"extract on the shipped templates: {r.stdout} {r.stderr}")
    r = q("locales", "normalise", "--dry-run")
    t.check(r.returncode == 0 and r.stdout.strip() == "", f"shipped catalogues are not canonical: {r.stdout}")

    # An export imported without changes changes nothing, byte for byte.
    before = read(ar_path)
    exported = os.path.join(home, "ar.xlf")
    r = q("locales", "export", "ar", "-o", exported)
    t.check(r.returncode == 0 and os.path.exists(exported), f"export exit {r.returncode}: {r.stderr}")
    r = q("locales", "import", exported)
    t.check(r.returncode == 0, f"round-trip import exit {r.returncode}: {r.stderr}")
    t.check(read(ar_path) == before, "export -> import changed the Arabic catalogue")

    # A file for a region tag goes into the shipped catalogue `render --locale` would use
    # (ar-SA -> ar, fa-AF -> prs); a locale with no catalogue is a usage error (exit 2) that
    # lists the shipped locales, with --dry-run as without, and no folder is made for it.
    with open(exported, encoding="utf-8") as f:
        ar_xliff = f.read()

    def retagged(xliff, tag, name):
        path = os.path.join(home, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(re.sub(r'target-language="[^"]*"', f'target-language="{tag}"', xliff, count=1))
        return path

    ar_sa = retagged(ar_xliff, "ar-SA", "ar-SA.xlf")
    for extra in (["--dry-run"], []):
        r = q("locales", "import", ar_sa, *extra)
        t.check(r.returncode == 0, f"ar-SA import {extra}: exit {r.returncode}: {r.stderr}")
        t.check("locale.closest" in r.stderr and "into ar " in r.stderr, f"ar-SA import {extra}: {r.stderr}")
    t.check(read(ar_path) == before, "an unchanged ar-SA import changed the Arabic catalogue")
    t.check(not os.path.exists(os.path.join(home, "locales", "ar-SA")), "an ar-SA folder was made")
    prs_export = os.path.join(home, "prs.xlf")
    r = q("locales", "export", "prs", "-o", prs_export)
    t.check(r.returncode == 0, f"export prs: {r.stderr}")
    with open(prs_export, encoding="utf-8") as f:
        fa_af = retagged(f.read(), "fa-AF", "fa-AF.xlf")
    r = q("locales", "import", fa_af, "--dry-run")
    t.check(r.returncode == 0 and "into prs " in r.stderr, f"fa-AF import: exit {r.returncode}: {r.stderr}")
    for tag in ("de", "xx", "zh-TW"):
        unknown = retagged(ar_xliff, tag, f"{tag}.xlf")
        for extra in (["--dry-run"], []):
            r = q("locales", "import", unknown, *extra)
            t.check(r.returncode == 2, f"{tag} import {extra}: exit {r.returncode}: {r.stderr}")
            t.check("usage.unknown-locale" in r.stderr and "ar, " in r.stderr and "zh-Hans" in r.stderr,
                    f"{tag} import {extra} does not list the shipped locales: {r.stderr}")
            t.check("updated" not in r.stdout and "wrote" not in r.stdout, f"{tag} import {extra}: {r.stdout}")
        t.check(not os.path.exists(os.path.join(home, "locales", tag)), f"a folder was made for {tag}")

    # An import that drops a placeholder is refused whole, naming the string; nothing changes.
    with open(exported, encoding="utf-8") as f:
        xliff = f.read()
    greeting = unit_target(xliff, "pledge.greeting") or ""
    lost = set_target(xliff, "pledge.greeting", greeting.replace("{name}", ""))
    t.check(lost != xliff, "could not remove {name} from the export")
    broken = os.path.join(home, "ar-broken.xlf")
    with open(broken, "w", encoding="utf-8") as f:
        f.write(lost)
    r = q("locales", "import", broken)
    t.check(r.returncode != 0, "an import that lost {name} was accepted")
    t.check("pledge.greeting" in r.stderr and "placeholder-missing" in r.stderr, f"report: {r.stderr}")
    t.check(re.search(r"ar-broken\.xlf:\d+:\d+: error", r.stderr), f"no file:line:col in {r.stderr}")
    t.check(read(ar_path) == before, "a refused import changed the catalogue")

    # A plural string: an Arabic translation without its "few" and "many" forms is refused.
    plural_en = "{count, plural, one {# person to call} other {# people to call}}"
    plural_ar = ("{count, plural, zero {لا أحد} one {شخص واحد} two {شخصان} few {# أشخاص} many {# شخصًا} "
                 "other {# شخص}}")
    unit = ('<trans-unit id="test.people"><source>{s}</source><target state="{st}">{t}</target></trans-unit>\n')
    for path, target, state in [(en_path, plural_en, "final"), (ar_path, plural_ar, "translated")]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("</body>", unit.format(s=plural_en, t=target, st=state) + "</body>", 1))
    r = q("locales", "export", "ar", "-o", exported)
    with open(exported, encoding="utf-8") as f:
        xliff = f.read()
    t.check(unit_target(xliff, "test.people") == plural_ar, "the plural string is not in the export")
    t.check(re.search(r'<ph id="\d+">\{count, plural, zero \{</ph>', xliff),
            "the plural's syntax is not protected as an inline code")
    with open(broken, "w", encoding="utf-8") as f:
        f.write(set_target(xliff, "test.people", plural_ar.replace(" few {# أشخاص} many {# شخصًا}", "")))
    before_plural = read(ar_path)
    r = q("locales", "import", broken)
    t.check(r.returncode != 0, "an Arabic plural without few/many was accepted")
    t.check("test.people" in r.stderr and "plural-missing" in r.stderr and "few" in r.stderr, f"report: {r.stderr}")
    t.check(read(ar_path) == before_plural, "a refused plural import changed the catalogue")

    # The English of one promise changes in the template; extract updates the source catalogue.
    template = os.path.join(home, "templates", "pledge", "template.xml")
    with open(template, encoding="utf-8") as f:
        text = f.read()
    new_english = "A safe, warm home"
    changed = re.sub(r'(<t id="pledge\.promise\.home\.title"[^>]*>)[^<]*(</t>)', rf"\g<1>{new_english}\g<2>", text)
    t.check(changed != text, "the template has no English text for " + TITLE)
    with open(template, "w", encoding="utf-8") as f:
        f.write(changed)
    r = q("locales", "extract")
    t.check(r.returncode == 0 and f"changed {TITLE}" in r.stdout, f"extract: {r.returncode} {r.stdout} {r.stderr}")

    # ... and is stale in every locale.
    rows = status_rows(q)
    for tag in locales:
        t.check(rows.get(tag, {}).get("stale") == 1, f"{tag}: stale {rows.get(tag, {}).get('stale')} after the change")
    r = q("locales", "status", "--min-complete", "100")
    t.check(r.returncode == 5, f"--min-complete 100 with a stale string: exit {r.returncode}")

    # Export marks it for review, with the previous translation as a suggestion.
    r = q("locales", "export", "ar", "-o", exported)
    with open(exported, encoding="utf-8") as f:
        xliff = f.read()
    unit_xml = re.search(rf'<trans-unit id="{re.escape(TITLE)}".*?</trans-unit>', xliff, re.S)
    t.check(unit_xml and 'state="needs-review-translation"' in unit_xml.group(0), "stale string not marked in export")
    t.check(unit_xml and "<alt-trans" in unit_xml.group(0) and "A safe home" in unit_xml.group(0),
            "no previous translation / old English in the export")

    # Rendering falls back to the new English, visibly; --strict refuses.
    data = os.path.join(home, "child.json")
    write_json(data, {"child": {"first_name": "Amani"}, "council": {"name": "Northbridge City Council"},
                      "issued": "2026-03-14"})
    out = os.path.join(home, "ar.pdf")
    r = q("render", "pledge", data, "--locale", "ar", "-o", out)
    t.check(r.returncode == 0, f"render with a stale string: exit {r.returncode}: {r.stderr}")
    t.check("locale.fallback" in r.stderr, f"no fallback warning: {r.stderr}")
    if os.path.exists(out):
        text = squash(pdf_text(out))
        t.check(squash(new_english) in text, "the new English is not in the document")
        ar_notice = None
        import xml.etree.ElementTree as ET
        for u in ET.parse(ar_path).iter(XLIFF + "trans-unit"):
            if u.get("id") == "common.fallback_notice":
                ar_notice = "".join(u.find(XLIFF + "target").itertext())
        t.check(ar_notice and letters(ar_notice) in letters(pdf_text(out)), "the visible fallback notice is missing")
        info = pdf_info(out)
        t.check("untranslated" in info.get("Keywords", ""), f"metadata does not say so: {info.get('Keywords')}")
    strict_out = os.path.join(home, "strict.pdf")
    r = q("render", "pledge", data, "--locale", "ar", "--strict", "-o", strict_out)
    t.check(r.returncode == 5, f"--strict exit {r.returncode}")
    t.check(TITLE in r.stderr, f"--strict does not name the string: {r.stderr}")
    t.check(not os.path.exists(strict_out), "--strict left a file")

    # An import carrying a translation of the old English is refused (it would be wrong).
    with open(broken, "w", encoding="utf-8") as f:
        f.write(re.sub(r"(<trans-unit id=\"" + re.escape(TITLE) + r"\".*?<source>)[^<]*", r"\1A safe home", xliff,
                       count=1, flags=re.S).replace('state="needs-review-translation"', 'state="translated"', 1))
    r = q("locales", "import", broken)
    t.check(r.returncode != 0 and "source-changed" in r.stderr, f"old-source import: {r.returncode} {r.stderr}")
t.finish()
