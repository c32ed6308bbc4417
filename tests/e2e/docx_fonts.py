"""DOCX on a PC without the Noto fonts: the Pledge in Urdu (Noto Nastaliq Urdu), Amharic and
Tigrinya (Noto Sans Ethiopic) is converted by LibreOffice under a fontconfig that sees DejaVu
only, and the PDF it makes must use the Noto fonts the DOCX embeds. The same files written
with --no-embed-fonts must not (so the check proves the embedding, not the machine). Also:
the package's font parts are obfuscated as ECMA-376 17.8.1 says (the key from fontTable.xml
restores a font whose family is the one named), and the sizes are printed."""
import os
import re
import tempfile
import zipfile

from common import Failures, docx_to_pdf, parse_args, pdf_fonts, run, write_json

args = parse_args()
t = Failures("docx.fonts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CASES = {"ur": "NotoNastaliqUrdu", "am": "NotoSansEthiopic", "ti": "NotoSansEthiopic",
         # A name in a script the named fonts lack: the DOCX names (and embeds) the installed
         # font the fallback finds, as the PDF draws it.
         "en-GB+deva": "NotoSansDevanagari"}


def deobfuscate(data, key):
    """ECMA-376 Part 1, 17.8.1: the key's bytes, last hex pair first, XORed into bytes 0-31."""
    hexes = re.sub(r"[^0-9A-Fa-f]", "", key)
    k = bytes(int(hexes[i:i + 2], 16) for i in range(30, -2, -2))
    head = bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def family_of(font):
    """Name ID 1 (family) of an sfnt, from its name table (Windows, Unicode)."""
    import struct
    num = struct.unpack(">H", font[4:6])[0]
    for i in range(num):
        tag, _, offset, _ = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        if tag == b"name":
            _, count, strings = struct.unpack(">HHH", font[offset:offset + 6])
            for j in range(count):
                pid, eid, lid, nid, length, off = struct.unpack(">HHHHHH", font[offset + 6 + 12 * j:offset + 18 + 12 * j])
                if nid == 1 and pid == 3:
                    return font[offset + strings + off:offset + strings + off + length].decode("utf-16-be")
    return None


def check_package(name, path, want_family):
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        settings = ET.fromstring(z.read("word/settings.xml"))
        t.check(settings.find(W + "embedTrueTypeFonts") is not None, f"{name}: no w:embedTrueTypeFonts")
        table = ET.fromstring(z.read("word/fontTable.xml"))
        rels = ET.fromstring(z.read("word/_rels/fontTable.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        types = z.read("[Content_Types].xml").decode()
        t.check('Extension="odttf"' in types and "obfuscatedFont" in types, f"{name}: no odttf content type")
        found = False
        for font in table.findall(W + "font"):
            for emb in list(font):
                if not emb.tag.startswith(W + "embed"):
                    continue
                part = "word/" + targets.get(emb.get(R + "id"), "")
                t.check(part in names, f"{name}: {font.get(W + 'name')}: no part {part}")
                if part not in names:
                    continue
                raw = z.read(part)
                plain = deobfuscate(raw, emb.get(W + "fontKey"))
                t.check(raw[:4] != b"\x00\x01\x00\x00" and plain[:4] == b"\x00\x01\x00\x00",
                        f"{name}: {part} is not an obfuscated TrueType font")
                fam = family_of(plain)
                t.check(fam == font.get(W + "name"), f"{name}: {part} is {fam!r}, named {font.get(W + 'name')!r}")
                found = found or (fam or "").replace(" ", "") == want_family
        t.check(found, f"{name}: {want_family} is not embedded")


with tempfile.TemporaryDirectory(prefix="quire-e2e-docxfonts-") as tmp:
    # A fontconfig that knows DejaVu and nothing else: a council PC without Noto.
    conf = os.path.join(tmp, "fonts.conf")
    with open(conf, "w") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                f'  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <cachedir>{tmp}/fc-cache</cachedir>\n'
                '</fontconfig>\n')
    env = dict(os.environ, FONTCONFIG_FILE=conf)
    fc = run(["fc-list", ":", "family"], env=env).stdout
    t.check("Noto" not in fc and "DejaVu" in fc, f"the test fontconfig sees: {sorted(set(fc.split(chr(10))))[:5]}")
    data = os.path.join(tmp, "child.json")
    write_json(data, {"child": {"first_name": "Amani"}, "council": {"name": "Northbridge City Council"},
                      "issued": "2026-03-14"})
    deva = os.path.join(tmp, "deva.json")
    write_json(deva, {"child": {"first_name": "अमीना"}, "council": {"name": "Northbridge City Council"},
                      "issued": "2026-03-14"})
    docs = {}
    for tag in ["en-GB"] + list(CASES):
        for embed in (True, False):
            out = os.path.join(tmp, f"pledge-{tag}-{'embedded' if embed else 'named'}.docx")
            locale, record = (tag.split("+")[0], deva) if "+" in tag else (tag, data)
            r = run([args.quire, "render", "pledge", record, "--locale", locale, "-o", out] +
                    ([] if embed else ["--no-embed-fonts"]))
            if t.check(r.returncode == 0 and os.path.exists(out), f"{tag}: exit {r.returncode}: {r.stderr}"):
                docs[(tag, embed)] = out
        if (tag, True) in docs and (tag, False) in docs:
            print(f"{tag}: {os.path.getsize(docs[(tag, False)])} bytes named only, "
                  f"{os.path.getsize(docs[(tag, True)])} bytes with fonts embedded")
    for tag, family in CASES.items():
        if (tag, True) in docs:
            check_package(tag, docs[(tag, True)], family)
    # One LibreOffice run for the files that embed fonts and another for those that do not:
    # fonts LibreOffice takes from one document stay installed for the next it opens.
    pdfs = {}
    for embedded in (False, True):
        group = [d for (tag, e), d in docs.items() if tag in CASES and e == embedded]
        pdfs.update(docx_to_pdf(group, os.path.join(tmp, "embedded" if embedded else "named"), env=env))
    for (tag, embed), docx in docs.items():
        if tag not in CASES:
            continue
        pdf = pdfs.get(docx)
        if not t.check(pdf is not None, f"{tag}: LibreOffice made no PDF of {os.path.basename(docx)}"):
            continue
        used = [row["name"].split("+")[-1] for row in pdf_fonts(pdf)]
        has = any(n.startswith(CASES[tag]) for n in used)
        if embed:
            t.check(has, f"{tag}: LibreOffice did not use the embedded {CASES[tag]}: {used}")
        else:
            # Without the embedded fonts this machine has no Noto: the check above is meaningful.
            t.check(not has, f"{tag}: {CASES[tag]} used without embedding ({used}): Noto is visible")
t.finish()
