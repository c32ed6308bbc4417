#!/usr/bin/env python3
"""Pack jobs on the HTTP service as a real process (issue 9): `POST /v1/jobs` with
"kind": "pack" is one job with one artefact, a PDF of several documents.

A clerk runs a full pack and fetches the PDF (both documents, pages running on); a
social-worker is refused (403) and nothing is queued; a --public-only token may not ask for
the full edition (403), and its public pack holds no byte of the confidential document (nor
does the database); bad documents are refused with pointers into /documents/N; the audit
has one job-record row for the pack with the PDF's SHA-256 and no case content."""
import hashlib
import json
import os
import sqlite3
import sys
import tempfile

from common import ROOT, Failures, parse_args, pdf_text, run, squash
from service_jobs import request, start_serve, stop, wait_job

CANARY = "Quillibeth"  # the confidential document's child: must reach neither the public PDF nor the database
SECRET_TITLE = "Zanzibar placement decision"


def token(quire, db, role, name, *extra):
    out = run([quire, "tokens", "create", "--role", role, "--name", name, "--db", db, *extra])
    if out.returncode != 0:
        raise RuntimeError("tokens create failed: " + out.stderr)
    return out.stdout.split()[-1]


def pledge(first_name):
    with open(os.path.join(ROOT, "examples", "pack", "items", "pledge-refresh.json")) as f:
        data = json.load(f)
    data["child"]["first_name"] = first_name
    return data


def pack(edition):
    return {"kind": "pack", "edition": edition, "title": "Corporate parenting panel",
            "documents": [
                {"template": "pledge", "title": "Item 1: Our Pledge", "data": pledge("Alex")},
                {"template": "pledge", "title": SECRET_TITLE, "data": pledge(CANARY), "confidential": True},
                {"template": "pledge", "title": "Item 3: Our Pledge again", "data": pledge("Robin")}]}


def holds(data, text):
    utf16 = text.encode("utf-16-be")
    return any(n in data for n in (text.encode(), utf16, utf16.hex().encode(), utf16.hex().upper().encode()))


def fetch_pdf(f, base, tok, job, path, label):
    j = wait_job(base, tok, job, 120)
    f.check(j.get("state") == "done", f"{label}: the pack job is done: {j}")
    f.check(j.get("kind") == "pack" and j.get("progress", {}).get("total") == 1, f"{label}: one record: {j}")
    status, headers, body = request(base, "GET", f"/v1/jobs/{job}/artefacts/0", tok)
    f.check(status == 200 and body.startswith(b"%PDF-"), f"{label}: the artefact is a PDF: {status} {body[:80]!r}")
    with open(path, "wb") as out:
        out.write(body)
    f.check(run(["qpdf", "--check", path]).returncode == 0, f"{label}: qpdf --check passes")
    sha = (j.get("records") or [{}])[0].get("sha256")
    f.check(sha == hashlib.sha256(body).hexdigest(), f"{label}: the job's SHA-256 is the artefact's")
    return body, sha


def main():
    args = parse_args()
    f = Failures("service_pack")
    with tempfile.TemporaryDirectory(prefix="quire-pack-") as tmp:
        db_path = os.path.join(tmp, "quire.db")
        db = "sqlite:" + db_path
        clerk = token(args.quire, db, "clerk", "committee-system")
        worker = token(args.quire, db, "social-worker", "case-system")
        public = token(args.quire, db, "clerk", "publication-system", "--public-only")
        server, base = start_serve(f, args.quire, db, "--workers", "1")
        try:
            # A social-worker may not make packs: 403, nothing queued.
            status, _, body = request(base, "POST", "/v1/jobs", worker, pack("full"))
            f.check(status == 403 and json.loads(body)["errors"][0]["code"] == "auth.forbidden",
                    f"a social-worker's pack: {status} {body[:200]!r}")

            # A public-only token may not ask for the full edition.
            status, _, body = request(base, "POST", "/v1/jobs", public, pack("full"))
            f.check(status == 403 and json.loads(body)["errors"][0]["code"] == "auth.public-only",
                    f"a public-only token's full pack: {status} {body[:200]!r}")

            # Bad documents: every problem at once, pointed into /documents/N; nothing queued.
            bad = pack("full")
            bad["documents"][0]["template"] = "../../etc/passwd"
            bad["documents"][2]["colour"] = "red"
            bad["format"] = "docx"
            status, _, body = request(base, "POST", "/v1/jobs", clerk, bad)
            pointers = sorted(e.get("pointer", "") for e in json.loads(body).get("errors", []))
            f.check(status == 400 and "/documents/2/colour" in pointers, f"a bad pack: {status} {pointers}")
            bad = pack("full")
            bad["documents"][0]["template"] = "../../etc/passwd"
            status, _, body = request(base, "POST", "/v1/jobs", clerk, bad)
            pointers = [e.get("pointer", "") for e in json.loads(body).get("errors", [])]
            f.check(status == 404 and pointers == ["/documents/0/template"], f"a path as template: {status} {pointers}")
            bad = pack("full")
            bad["documents"] = bad["documents"] * 70
            status, _, body = request(base, "POST", "/v1/jobs", clerk, bad)
            f.check(status == 413 and json.loads(body)["errors"][0]["code"] == "job.too-many-documents",
                    f"a pack of 210 documents: {status} {body[:200]!r}")

            # A data error is found by the worker, pointed into the pack, and makes no PDF.
            bad = pack("full")
            bad["documents"][2]["data"]["child"]["first_name"] = 7
            status, _, body = request(base, "POST", "/v1/jobs", clerk, bad)
            f.check(status == 202, f"a pack with bad data is queued: {status} {body[:200]!r}")
            if status == 202:
                job = json.loads(body)["id"]
                j = wait_job(base, clerk, job, 120)
                errors = (j.get("records") or [{}])[0].get("errors", [])
                f.check(j.get("state") == "failed" and any(e.get("pointer") == "/documents/2/data/child/first_name"
                                                           for e in errors), f"the bad data's error: {j}")
                status, _, _ = request(base, "GET", f"/v1/jobs/{job}/artefacts/0", clerk)
                f.check(status == 404, f"a failed pack has no artefact: {status}")

            # The clerk's full pack: all three documents, pages running on.
            status, headers, body = request(base, "POST", "/v1/jobs", clerk, pack("full"))
            f.check(status == 202, f"the clerk's pack is queued: {status} {body[:200]!r}")
            full_sha = None
            if status == 202:
                answer = json.loads(body)
                f.check(answer.get("documents") == 3 and answer.get("kind") == "pack", f"the answer: {answer}")
                path = os.path.join(tmp, "full.pdf")
                _, full_sha = fetch_pdf(f, base, clerk, answer["id"], path, "full pack")
                text = squash(pdf_text(path))
                f.check(CANARY in text and "Robin" in text, "the full pack holds all three documents")
                f.check("Page3of3" in text, "the full pack's pages run on (Page 3 of 3)")

            # The public-only token's public pack: nothing of the confidential document.
            status, _, body = request(base, "POST", "/v1/jobs", public, pack("public"))
            f.check(status == 202, f"the public pack is queued: {status} {body[:200]!r}")
            if status == 202:
                job = json.loads(body)["id"]
                path = os.path.join(tmp, "public.pdf")
                pdf, _ = fetch_pdf(f, base, public, job, path, "public pack")
                text = pdf_text(path)
                qdf = os.path.join(tmp, "public-qdf.pdf")
                run(["qpdf", "--qdf", "--object-streams=disable", path, qdf])
                with open(qdf, "rb") as q:
                    decompressed = q.read()
                for canary in (CANARY, SECRET_TITLE, "Zanzibar"):
                    f.check(canary not in text, f"the public pack's text holds {canary!r}")
                    f.check(not holds(decompressed, canary) and not holds(pdf, canary),
                            f"the public pack's bytes hold {canary!r}")
                f.check(squash("An exempt item has been withheld from this edition.") in squash(text),
                        "the public pack says an exempt item was withheld")
                f.check("Robin" in text, "the public pack holds the third document")
        finally:
            stop(f, server, "quire serve")

        # The database: no case content; one job-record audit row per pack with its SHA-256.
        for suffix in ("", "-wal", "-shm"):
            p = db_path + suffix
            if os.path.exists(p):
                with open(p, "rb") as dbf:
                    data = dbf.read()
                f.check(CANARY.encode() not in data and SECRET_TITLE.encode() not in data,
                        f"the confidential document's content stays in {os.path.basename(p)}")
        con = sqlite3.connect(db_path)
        rows = con.execute("SELECT template, edition, output_sha256, outcome FROM audit WHERE action = 'job-record' "
                           "AND template = 'pack' ORDER BY rowid").fetchall()
        con.close()
        ok_rows = [r for r in rows if r[3] == "ok"]
        f.check(len(rows) == 3 and len(ok_rows) == 2, f"one job-record audit row per pack: {rows}")
        f.check(full_sha is not None and any(r[2] == full_sha and r[1] == "full" for r in ok_rows),
                f"the full pack's audit row has its SHA-256: {rows}")
        f.check(any(r[1] == "public" for r in ok_rows), f"the public pack is audited as public: {rows}")
    f.finish()


if __name__ == "__main__":
    sys.exit(main())
