#!/usr/bin/env python3
"""The HTTP service as a real process: `quire serve` on a free loopback port with a fresh
SQLite database, tokens made with `quire tokens create`, requests with urllib. Checks
/healthz, 401, 403, a Pledge PDF that pdftotext reads, a bad record's 422 with JSON
pointers, a too-large body's 413, the audit (`quire audit`) with the render and without the
child's name anywhere in the database files, and that the OpenAPI description covers the
routes. The server is always stopped (SIGTERM, then SIGKILL) before the script ends."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

from common import Failures, parse_args, pdf_text, run, squash

CANARY = "Quillanthe"  # the child's name: must never reach the database
# Loopback only: never through a proxy named in the environment.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def request(base, method, path, token=None, body=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with OPENER.open(req, timeout=120) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def token(quire, db, role, name, *extra):
    out = run([quire, "tokens", "create", "--role", role, "--name", name, "--db", "sqlite:" + db, *extra])
    if out.returncode != 0:
        raise RuntimeError("tokens create failed: " + out.stderr)
    return out.stdout.split()[-1]


def main():
    args = parse_args()
    f = Failures("service")
    with tempfile.TemporaryDirectory(prefix="quire-service-") as tmp:
        db = os.path.join(tmp, "quire.db")
        worker = token(args.quire, db, "social-worker", "case-system")
        clerk = token(args.quire, db, "clerk", "committee-system")
        f.check(len(worker) == 64 and worker != clerk, f"a token is 64 hex digits: {worker!r}")

        server = subprocess.Popen(
            [args.quire, "serve", "--listen", "127.0.0.1:0", "--db", "sqlite:" + db, "--max-body-bytes", "100000"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()  # "quire serve: listening on http://127.0.0.1:PORT ..."
            if "listening on " not in line:
                f.check(False, f"the server did not start: {line!r} {server.stderr.read() if server.poll() is not None else ''}")
                f.finish()
            base = line.split("listening on ", 1)[1].split()[0]
            exercise(f, args.quire, base, db, worker, clerk)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                code = server.wait(timeout=30)
                f.check(code == 0, f"quire serve exits 0 on SIGTERM, not {code}: {server.stderr.read()}")
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                f.check(False, "quire serve did not stop within 30 s of SIGTERM (killed)")
    f.finish()


def exercise(f, quire, base, db, worker, clerk):
    status, _, body = request(base, "GET", "/healthz")
    f.check(status == 200 and json.loads(body) == {"status": "ok"}, f"healthz: {status} {body!r}")

    status, headers, body = request(base, "GET", "/v1/templates")
    f.check(status == 401 and json.loads(body)["errors"][0]["code"] == "auth.missing-token", f"no token: {status} {body!r}")
    status, _, body = request(base, "GET", "/v1/templates", token="0" * 64)
    f.check(status == 401 and json.loads(body)["errors"][0]["code"] == "auth.invalid-token", f"unknown token: {status}")

    data = {"id": "C-2207", "child": {"first_name": CANARY}, "council": {"name": "Northbridge City Council"},
            "issued": "2026-09-02"}
    pledge = {"template": "pledge", "data": data, "locale": "en-GB", "format": "pdf"}
    status, _, body = request(base, "POST", "/v1/render", clerk, pledge)
    f.check(status == 403 and json.loads(body)["errors"][0]["code"] == "auth.forbidden", f"clerk renders a Pledge: {status} {body!r}")

    status, headers, body = request(base, "POST", "/v1/render", worker, pledge)
    f.check(status == 200 and headers.get("Content-Type") == "application/pdf", f"Pledge render: {status} {headers}")
    f.check(body.startswith(b"%PDF-"), "the Pledge is a PDF")
    pdf = os.path.join(os.path.dirname(db), "pledge.pdf")
    with open(pdf, "wb") as out:
        out.write(body)
    f.check(CANARY in squash(pdf_text(pdf)), "pdftotext reads the child's name in the Pledge")
    rendered_sha = headers.get("X-Quire-Output-SHA256", "")

    bad = dict(pledge, data={"child": {"first_name": ""}, "council": {}, "issued": "yesterday"})
    status, _, body = request(base, "POST", "/v1/render", worker, bad)
    errors = json.loads(body).get("errors", []) if status == 422 else []
    pointers = {e.get("pointer") for e in errors}
    f.check(status == 422, f"a bad record is 422, not {status}: {body!r}")
    f.check(len(errors) >= 2 and all(p and p.startswith("/data/") for p in pointers),
            f"each data error has a pointer into /data: {errors}")

    status, _, body = request(base, "POST", "/v1/render", worker, dict(pledge, template="../../etc/passwd"))
    f.check(status == 404 and json.loads(body)["errors"][0]["code"] in ("usage.template-folder", "usage.unknown-template"),
            f"a template path is refused: {status} {body!r}")
    status, _, body = request(base, "POST", "/v1/render", worker, raw=b"{\"template\": ")
    f.check(status == 400 and json.loads(body)["errors"][0]["code"] == "usage.job-syntax", f"malformed JSON: {status} {body!r}")
    status, _, body = request(base, "POST", "/v1/render", worker, raw=b" " * 200000)
    f.check(status == 413 and json.loads(body)["errors"][0]["code"] == "request.too-large", f"too large: {status} {body!r}")

    status, _, body = request(base, "GET", "/v1/openapi.json", worker)
    spec = json.loads(body) if status == 200 else {}
    f.check(spec.get("openapi", "").startswith("3.1"), "openapi.json is OpenAPI 3.1")
    for method, path in (("get", "/healthz"), ("post", "/v1/render"), ("get", "/v1/templates"),
                         ("get", "/v1/locales"), ("get", "/v1/openapi.json")):
        st, _, _ = request(base, method.upper(), path, worker, {} if method == "post" else None)
        f.check(st != 404 and st != 405, f"{method} {path} is served ({st})")
        f.check(method in spec.get("paths", {}).get(path, {}), f"{method} {path} is in openapi.json")
    status, _, body = request(base, "GET", "/v1/locales", worker)
    f.check(status == 200 and any(x["tag"] == "en-GB" for x in json.loads(body)["locales"]), f"locales: {status}")

    out = run([quire, "audit", "--format", "json", "--db", "sqlite:" + db])
    rows = json.loads(out.stdout) if out.returncode == 0 else []
    renders = [r for r in rows if r["action"] == "render"]
    ok = [r for r in renders if r["status"] == 200]
    f.check(len(ok) == 1 and ok[0]["who"] == "case-system" and ok[0]["template"] == "pledge"
            and ok[0]["record_id"] == "C-2207" and ok[0]["output_sha256"] == rendered_sha,
            f"the audit has the render, by whom, with its record id and output hash: {ok}")
    f.check(any(r["status"] == 403 and r["who"] == "committee-system" for r in renders), "the audit has the refusal")
    f.check(any(r["status"] == 422 for r in renders), "the audit has the failed render")
    csv = run([quire, "audit", "--since", "2000-01-01", "--db", "sqlite:" + db]).stdout
    f.check(csv.startswith("id,at,who") and "C-2207" in csv, "quire audit lists CSV")
    everything = b""
    for name in os.listdir(os.path.dirname(db)):
        if name.startswith("quire.db"):
            with open(os.path.join(os.path.dirname(db), name), "rb") as fh:
                everything += fh.read()
    f.check(CANARY.encode() not in everything and b"Northbridge" not in everything,
            "no case content in the database files")
    f.check(worker.encode() not in everything, "the token itself is not stored")


if __name__ == "__main__":
    main()
