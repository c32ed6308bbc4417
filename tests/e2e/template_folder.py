"""A council's own template, outside quire's source tree (issue 10): its developer extracts its
English, a translator gets an XLIFF of its strings alone and brings back Arabic, and the folder's
documents render in Arabic; quire's own templates/ and locales/ (here a copy, QUIRE_HOME) stay
byte for byte as they were. Bad cases: an id the folder's English lacks, an unknown template
name, a locales/ link out of the folder, a built-in template given as --template."""
import json
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET

from common import ROOT, XLIFF, Failures, letters, parse_args, pdf_text, run, tree_hash

args = parse_args()
t = Failures("template_folder")
LETTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "council-letter")

# A translator's Arabic for the example letter (placeholders as the English has them).
ARABIC = {
    "invite.title": "اجتماع المراجعة الخاص بك",
    "invite.greeting": "مرحباً {name}،",
    "invite.when": "سيُعقد اجتماع المراجعة القادم في {date, date, long}.",
    "invite.say": "يمكنك أن تقول رأيك في الاجتماع أو قبله، ويمكنك أن تُحضر معك شخصاً تثق به.",
    "invite.signoff": "مع أطيب التمنيات، {worker}",
}


def fill_targets(xlf_in, xlf_out):
    """The exported XLIFF with each unit's target set to the Arabic (as a CAT tool saves it)."""
    ET.register_namespace("", XLIFF[1:-1])
    tree = ET.parse(xlf_in)
    filled = 0
    for u in tree.iter(XLIFF + "trans-unit"):
        text = ARABIC.get(u.get("id"))
        if text is None:
            continue
        target = u.find(XLIFF + "target")
        if target is None:
            target = ET.SubElement(u, XLIFF + "target")
        for child in list(target):
            target.remove(child)
        target.text = text
        target.set("state", "translated")
        filled += 1
    tree.write(xlf_out, encoding="UTF-8", xml_declaration=True)
    return filled


with tempfile.TemporaryDirectory(prefix="quire-e2e-home-") as home, \
        tempfile.TemporaryDirectory(prefix="quire-e2e-council-") as council:
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(home, "templates"))
    shutil.copytree(os.path.join(ROOT, "locales"), os.path.join(home, "locales"))
    env = dict(os.environ, QUIRE_HOME=home, SOURCE_DATE_EPOCH="1767225600")
    before = {d: tree_hash(os.path.join(home, d)) for d in ("templates", "locales")}

    folder = os.path.join(council, "invite")
    shutil.copytree(LETTER, folder)
    data = os.path.join(folder, "examples", "amani.json")
    work = os.path.join(council, "work")  # the translator's files, outside the template folder
    os.mkdir(work)

    def q(*a, cwd=None):
        return run([args.quire, *a], env=env, cwd=cwd)

    # 1. The English, from the folder's <t> elements, t() in the title attribute and the partial.
    r = q("locales", "extract", "--template", folder)
    t.check(r.returncode == 0, f"extract: exit {r.returncode}: {r.stderr}")
    english_path = os.path.join(folder, "locales", "en-GB", "messages.xlf")
    t.check(os.path.isfile(english_path), "extract did not write the folder's locales/en-GB/messages.xlf")
    ids = []
    if os.path.isfile(english_path):
        ids = [u.get("id") for u in ET.parse(english_path).iter(XLIFF + "trans-unit")]
    t.check(sorted(ids) == sorted(ARABIC), f"the folder's English holds {ids}")
    r = q("locales", "extract", "--template", folder)
    t.check(r.returncode == 0 and "up to date" in r.stdout, f"a second extract changes nothing: {r.stdout}")

    # 2. Export for the translator, fill in the Arabic as a CAT tool would, import it back.
    exported = os.path.join(work, "invite-ar.xlf")
    r = q("locales", "export", "ar", "--template", folder, "-o", exported)
    t.check(r.returncode == 0, f"export: exit {r.returncode}: {r.stderr}")
    if os.path.exists(exported):
        exp_ids = [u.get("id") for u in ET.parse(exported).iter(XLIFF + "trans-unit")]
        t.check(sorted(exp_ids) == sorted(ARABIC), f"the export holds the folder's strings only: {exp_ids}")
        filled = os.path.join(work, "invite-ar-done.xlf")
        t.check(fill_targets(exported, filled) == len(ARABIC), "not every unit could be filled")
        r = q("locales", "import", filled, "--template", folder)
        t.check(r.returncode == 0, f"import: exit {r.returncode}: {r.stdout} {r.stderr}")
    ar_path = os.path.join(folder, "locales", "ar", "messages.xlf")
    t.check(os.path.isfile(ar_path), "import did not write the folder's locales/ar/messages.xlf")

    # 3. Check, status, memory and preview of the folder's own catalogues.
    r = q("locales", "check", "--template", folder)
    t.check(r.returncode == 0, f"check: exit {r.returncode}: {r.stderr}")
    r = q("locales", "status", "--template", folder, "--format", "json")
    t.check(r.returncode == 0, f"status: exit {r.returncode}: {r.stderr}")
    rows = json.loads(r.stdout) if r.returncode == 0 else []
    t.check([row["locale"] for row in rows] == ["ar"], f"status lists the folder's locales: {rows}")
    if rows:
        t.check(rows[0]["total"] == len(ARABIC) and rows[0]["translated"] == len(ARABIC),
                f"status counts the folder's strings: {rows[0]}")
    r = q("locales", "tmx", "ar", "--template", folder, "-o", os.path.join(work, "ar.tmx"))
    t.check(r.returncode == 0, f"tmx: exit {r.returncode}: {r.stderr}")
    preview = os.path.join(work, "preview.pdf")
    r = q("locales", "preview", "ar", "invite.say", "--template", folder, "-o", preview)
    t.check(r.returncode == 0 and os.path.exists(preview), f"preview: exit {r.returncode}: {r.stderr}")

    # 4. The documents, in English and Arabic.
    en_pdf, ar_pdf = os.path.join(work, "invite-en.pdf"), os.path.join(work, "invite-ar.pdf")
    r = q("render", folder, data, "-o", en_pdf)
    t.check(r.returncode == 0, f"render en-GB: exit {r.returncode}: {r.stderr}")
    if os.path.exists(en_pdf):
        text = pdf_text(en_pdf)
        for want in ("Your review meeting", "Dear Amani,", "2 April 2026", "With best wishes, Sam Patel", "Page 1 of 1"):
            t.check(want in text, f"English PDF lacks {want!r}")
    r = q("render", folder, data, "--locale", "ar", "-o", ar_pdf)
    t.check(r.returncode == 0, f"render ar: exit {r.returncode}: {r.stderr}")
    t.check("locale.fallback" not in r.stderr, f"every string of the folder is translated: {r.stderr}")
    if os.path.exists(ar_pdf):
        text = letters(pdf_text(ar_pdf))
        for mid in ("invite.title", "invite.say"):
            t.check(letters(ARABIC[mid]) in text, f"Arabic PDF lacks {mid}")
        for piece in ("مرحباً", "مع أطيب التمنيات", "Amani", "SamPatel", "الصفحة"):  # the footer: quire's shared Arabic
            t.check(letters(piece) in text, f"Arabic PDF lacks {piece!r}")
        t.check("Your review meeting" not in pdf_text(ar_pdf), "English title left in the Arabic PDF")

    # A folder named by a plain name from the folder that holds it; the same in batch.
    r = q("render", "invite", data, "--locale", "ar", "-o", os.path.join(work, "by-name.pdf"), cwd=council)
    t.check(r.returncode == 0, f"render by folder name: exit {r.returncode}: {r.stderr}")
    records = os.path.join(work, "records.jsonl")
    with open(data, encoding="utf-8") as f:
        record = json.loads(f.read())
    with open(records, "w", encoding="utf-8") as f:
        f.write(json.dumps(dict(record, id="amani", locale="ar"), ensure_ascii=False) + "\n")
    r = q("batch", "invite", records, "-o", os.path.join(work, "batch"), cwd=council)
    t.check(r.returncode == 0 and os.path.exists(os.path.join(work, "batch", "amani.pdf")),
            f"batch by folder name: exit {r.returncode}: {r.stderr}")

    # Bad: a translation with an id the folder's English lacks (a typo): file:line, exit 4.
    typo = os.path.join(council, "typo")
    shutil.copytree(folder, typo)
    typo_ar = os.path.join(typo, "locales", "ar", "messages.xlf")
    with open(typo_ar, encoding="utf-8") as f:
        body = f.read()
    body = body.replace('trans-unit id="invite.say"', 'trans-unit id="invite.sya"', 1)
    with open(typo_ar, "w", encoding="utf-8") as f:
        f.write(body)
    line = body[:body.index('id="invite.sya"')].count("\n") + 1
    r = q("render", typo, data, "--locale", "ar", "-o", os.path.join(work, "typo.pdf"))
    t.check(r.returncode != 0 and not os.path.exists(os.path.join(work, "typo.pdf")), "a typo'd id still rendered")
    t.check(f"{typo_ar}:{line}:" in r.stderr and "error[locale.unknown-id]" in r.stderr and "invite.sya" in r.stderr,
            f"the typo is not reported at {typo_ar}:{line}: {r.stderr}")
    r = q("locales", "check", "--template", typo)
    t.check(r.returncode == 5 and f"{typo_ar}:{line}:" in r.stderr, f"check: exit {r.returncode}: {r.stderr}")

    # Bad: a plain name that is neither a built-in template nor a folder here.
    r = q("render", "review-invite", data, "-o", os.path.join(work, "x.pdf"), cwd=council)
    t.check(r.returncode == 2, f"unknown name: exit {r.returncode}")
    t.check("error[usage.unknown-template]" in r.stderr and "pledge" in r.stderr
            and "to use a folder, write ./review-invite" in r.stderr, f"unknown name: {r.stderr}")

    # Bad: locales/ a link to quire's own catalogues: nothing is written through it.
    linked = os.path.join(council, "linked")
    os.mkdir(linked)
    shutil.copy(os.path.join(LETTER, "template.xml"), linked)
    shutil.copytree(os.path.join(LETTER, "partials"), os.path.join(linked, "partials"))
    os.symlink(os.path.join(home, "locales"), os.path.join(linked, "locales"))
    r = q("locales", "extract", "--template", linked)
    t.check(r.returncode != 0, f"extract through a locales link: exit {r.returncode}: {r.stdout}")
    r = q("render", linked, data, "-o", os.path.join(work, "linked.pdf"))
    t.check(r.returncode != 0 and "error[locale.unreadable]" in r.stderr,
            f"render with a locales link: exit {r.returncode}: {r.stderr}")

    # Bad: a built-in template is not a folder of its own.
    r = q("locales", "extract", "--template", os.path.join(home, "templates", "pledge"))
    t.check(r.returncode == 2 and "usage.template-folder" in r.stderr, f"--template on a built-in: {r.stderr}")

    after = {d: tree_hash(os.path.join(home, d)) for d in ("templates", "locales")}
    t.check(after == before, "quire's own templates/ or locales/ changed")
    strays = [p for p in os.listdir(folder) if p not in ("template.xml", "partials", "examples", "schema.json", "locales")]
    t.check(not strays, f"files left in the template folder: {strays}")
    t.check(sorted(os.listdir(os.path.join(folder, "locales"))) == ["ar", "en-GB"], "the folder's locales/")

t.finish()
