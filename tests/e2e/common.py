"""Shared helpers for the end-to-end tests: run build/quire, read catalogues,
check PDFs with poppler and qpdf, convert DOCX with LibreOffice."""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"


class Failures:
    """Collects every failed check so one run reports them all, then exits non-zero."""

    def __init__(self, name):
        self.name = name
        self.items = []
        self.checks = 0

    def check(self, ok, message):
        self.checks += 1
        if not ok:
            self.items.append(message)
            print(f"FAIL {self.name}: {message}", file=sys.stderr)
        return ok

    def finish(self):
        print(f"{self.name}: {self.checks - len(self.items)} passed, {len(self.items)} failed")
        sys.exit(1 if self.items or self.checks == 0 else 0)


def parse_args(extra=None):
    p = argparse.ArgumentParser()
    p.add_argument("--quire", required=True)
    for name, kwargs in (extra or []):
        p.add_argument(name, **kwargs)
    return p.parse_args()


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)


def messages(tag):
    """id -> (source, target, state) of locales/<tag>/messages.xlf."""
    out = {}
    for unit in ET.parse(os.path.join(ROOT, "locales", tag, "messages.xlf")).iter(XLIFF + "trans-unit"):
        source = unit.find(XLIFF + "source")
        target = unit.find(XLIFF + "target")
        out[unit.get("id")] = (
            "".join(source.itertext()) if source is not None else "",
            "".join(target.itertext()) if target is not None else "",
            target.get("state") if target is not None else "",
        )
    return out


def squash(text):
    """Text for containment checks: NFC, no whitespace, no bidi marks, no hyphens (pdftotext
    joins a word hyphenated at a line end and drops its hyphen, even a real one)."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[\s\u200e\u200f\u061c\u00ad\u202a-\u202e\u2066-\u2069\-]+", "", text)


def letters(text):
    """squash() without combining marks, for right-to-left text: poppler's pdftotext puts an
    Arabic mark (fathatan, shadda...) before its base letter on RTL lines, whatever the PDF
    says. Callers compare the marks separately (same marks, same number)."""
    return "".join(c for c in squash(text) if unicodedata.category(c) != "Mn")


def marks(text):
    return sorted(c for c in squash(text) if unicodedata.category(c) == "Mn")


def pdf_text(path):
    return run(["pdftotext", "-enc", "UTF-8", path, "-"]).stdout


def pdf_info(path):
    info = {}
    for line in run(["pdfinfo", path]).stdout.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            info[k.strip()] = v.strip()
    return info


def pdf_fonts(path):
    """Rows of pdffonts as dicts with name, emb, sub, uni."""
    lines = run(["pdffonts", path]).stdout.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 7:
            rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def docx_to_pdf(docx_paths, outdir, env=None):
    """Converts DOCX files with LibreOffice headless (in a fresh profile, with `env` as its
    environment if given); returns {docx: pdf path or None}."""
    profile = tempfile.mkdtemp(prefix="quire-lo-")
    try:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", outdir] + list(docx_paths), timeout=600, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = {}
    for d in docx_paths:
        pdf = os.path.join(outdir, os.path.splitext(os.path.basename(d))[0] + ".pdf")
        result[d] = pdf if os.path.exists(pdf) else None
    return result


def docx_to_text(docx_path, outdir):
    """The text LibreOffice reads from a DOCX (its own text export: paragraphs and table cells
    in logical order, whatever their direction); None if it cannot open the file."""
    profile = tempfile.mkdtemp(prefix="quire-lo-")
    try:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "txt:Text (encoded):UTF8", "--outdir", outdir, docx_path], timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    txt = os.path.join(outdir, os.path.splitext(os.path.basename(docx_path))[0] + ".txt")
    if not os.path.exists(txt):
        return None
    with open(txt, encoding="utf-8-sig") as f:
        return f.read()


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False)


def tree_hash(root):
    """One digest of every file's path and bytes (and every link's target) below root."""
    h = hashlib.sha256()
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            h.update(os.path.relpath(path, root).encode())
            if os.path.islink(path):
                h.update(b"->" + os.readlink(path).encode())
            else:
                with open(path, "rb") as f:
                    h.update(f.read())
    return h.hexdigest()
