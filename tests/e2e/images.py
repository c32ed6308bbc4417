"""Images are untrusted input (issue 12): quire decodes PNG (libpng) and JPEG (libjpeg)
itself, under its own error handlers. Damaged images in a template folder or a theme
are refused with a clear error and no output; every PNG variant and both JPEG colour
spaces are drawn in the PDF (pdfimages -list) and embedded in the DOCX."""
import os
import shutil
import struct
import tempfile
import zipfile
import zlib

from common import ROOT, Failures, parse_args, run, write_json

args = parse_args()
t = Failures("images")
GOOD = {"child": {"first_name": "Sam"}, "council": {"name": "Northbridge City Council"}, "issued": "2026-03-14"}


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(w, h, colour_type, depth, rows, palette=None, trns=None):
    """A PNG written by hand: rows are the raw samples of each row (bytes)."""
    raw = b"".join(b"\x00" + r for r in rows)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour_type, 0, 0, 0))
    if palette:
        out += chunk(b"PLTE", palette)
    if trns:
        out += chunk(b"tRNS", trns)
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


W, H = 60, 40
rgba = png(W, H, 6, 8, [bytes(v for x in range(W) for v in (255 * x // W, 96, 255 * y // H, 255 if x < W // 2 else 64))
                        for y in range(H)])
palette = png(W, H, 3, 8, [bytes(4 * x // W for x in range(W)) for y in range(H)],
              palette=bytes([220, 30, 30, 30, 160, 30, 30, 30, 220, 250, 250, 250]), trns=bytes([255, 255, 255, 0]))
sixteen = png(W, H, 2, 16, [b"".join(struct.pack(">HHH", 65535 * x // W, 20000, 65535 * y // H) for x in range(W))
                            for y in range(H)])

with tempfile.TemporaryDirectory(prefix="quire-images-") as tmp:
    good = os.path.join(tmp, "good.json")
    write_json(good, GOOD)
    # An RGB JPEG of a rendered page (poppler's), and a one-component greyscale JPEG (libjpeg's,
    # from the fuzz corpus: poppler writes grey pages as three components).
    source = os.path.join(tmp, "source.pdf")
    r = run([args.quire, "render", "pledge", good, "-o", source])
    t.check(r.returncode == 0, f"pledge render: {r.stderr}")
    run(["pdftoppm", "-r", "12", "-jpeg", "-singlefile", source, os.path.join(tmp, "rgb")])
    with open(os.path.join(tmp, "rgb.jpg"), "rb") as f:
        rgb_jpeg = f.read()
    with open(os.path.join(ROOT, "tests", "fuzz", "corpus", "image", "grey.jpg"), "rb") as f:
        grey_jpeg = f.read()
    sof = grey_jpeg.find(b"\xff\xc0")
    t.check(sof > 0 and grey_jpeg[sof + 9] == 1, "the greyscale JPEG fixture has one component")

    def folder(name, images):
        path = os.path.join(tmp, name)
        os.makedirs(path)
        tags = "".join(f'<img src="{n}" alt="Picture {n}"/>\n' for n in images)
        with open(os.path.join(path, "template.xml"), "w") as f:
            f.write(f"<document>\n<section title=\"Pictures\">\n{tags}</section>\n</document>\n")
        for n, b in images.items():
            with open(os.path.join(path, n), "wb") as f:
                f.write(b)
        return path

    # Every variant renders, in the PDF as image XObjects (alpha as a soft mask) and in the DOCX.
    variants = {"alpha.png": rgba, "palette.png": palette, "sixteen.png": sixteen, "grey.jpg": grey_jpeg,
                "rgb.jpg": rgb_jpeg}
    ok = folder("ok", variants)
    out = os.path.join(tmp, "ok.pdf")
    r = run([args.quire, "render", ok, good, "-o", out])
    t.check(r.returncode == 0, f"valid images: exit {r.returncode}: {r.stderr}")
    listing = run(["pdfimages", "-list", out]).stdout.splitlines()[2:]
    rows = [line.split() for line in listing]
    images = [r for r in rows if r[2] == "image"]
    masks = [r for r in rows if r[2] == "smask"]
    t.check(len(images) == 5, f"{len(images)} images in the PDF: {listing}")
    t.check(len(masks) == 2, f"soft masks for the RGBA and the tRNS palette PNG: {listing}")
    colours = sorted(r[5] for r in images)
    t.check(colours == ["gray", "rgb", "rgb", "rgb", "rgb"], f"colour spaces {colours}")
    t.check(all(r[7] == "8" for r in images), f"8 bits per sample: {listing}")
    t.check(sum((r[3], r[4]) == (str(W), str(H)) for r in images) == 3, f"sizes: {listing}")
    docx = os.path.join(tmp, "ok.docx")
    r = run([args.quire, "render", ok, good, "-o", docx])
    t.check(r.returncode == 0, f"valid images to DOCX: exit {r.returncode}: {r.stderr}")
    if r.returncode == 0:
        with zipfile.ZipFile(docx) as z:
            media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
            t.check(len(media) == 5, f"DOCX media: {media}")
            t.check(sorted(z.read(n) for n in media) == sorted(variants.values()), "the DOCX does not hold the originals")

    # Damaged images: a template error at the <img>, exit 4, no file, for both formats.
    huge = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"\x00" * 301)) + chunk(b"IEND", b"")
    bad_crc = bytearray(rgba)
    bad_crc[-20] ^= 0x55  # inside the image data: its chunk's CRC no longer matches
    # Garbage in place of the tables after the first marker. (Random bits inside the
    # entropy-coded data that still decode are noise no decoder can tell from a picture.)
    garbage = rgb_jpeg[:24] + bytes((i * 97 + 13) % 256 for i in range(len(rgb_jpeg) - 24))
    damaged = {
        "truncated.png": rgba[: len(rgba) // 2],
        "bad-crc.png": bytes(bad_crc),
        "huge.png": huge,
        "truncated.jpg": rgb_jpeg[: len(rgb_jpeg) // 2],
        "garbage.jpg": garbage,
    }
    for name, data in damaged.items():
        path = folder("bad-" + name.replace(".", "-"), {name: data})
        for ext in ("pdf", "docx"):
            target = os.path.join(tmp, f"bad.{ext}")
            r = run([args.quire, "render", path, good, "-o", target])
            t.check(r.returncode == 4, f"{name} -> {ext}: exit {r.returncode}: {r.stderr}")
            t.check(f"template.xml:3:11: error[template.include]: cannot use image '{name}'" in r.stderr,
                    f"{name} -> {ext}: {r.stderr}")
            t.check(not os.path.exists(target), f"{name} -> {ext} left a file")
    t.check("megapixels" in run([args.quire, "render", folder("huge2", {"h.png": huge}), good, "-o",
                                 os.path.join(tmp, "h.pdf")]).stderr, "the size limit is not named")

    # The theme's logo goes through the same decoders.
    home = os.path.join(tmp, "home")
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(home, "templates"))
    shutil.copytree(os.path.join(ROOT, "locales"), os.path.join(home, "locales"))
    logo = os.path.join(home, "templates", "themes", "default", "logo.png")
    with open(logo, "rb") as f:
        logo_bytes = f.read()
    with open(logo, "wb") as f:
        f.write(logo_bytes[: len(logo_bytes) - 30])
    target = os.path.join(tmp, "logo.pdf")
    r = run([args.quire, "render", "pledge", good, "-o", target], env=dict(os.environ, QUIRE_HOME=home))
    t.check(r.returncode == 4 and "template.theme" in r.stderr and "the logo cannot be decoded" in r.stderr,
            f"damaged logo: exit {r.returncode}: {r.stderr}")
    t.check(not os.path.exists(target), "a damaged logo left a file")
t.finish()
