#!/usr/bin/env python3
"""The service's routes beside render, as a real `quire serve` process: POST /v1/check with
quire check's findings, a template's schema, names that are paths refused before any file is
read (sent raw, so no client tidies the path), the locales' completeness, GET /metrics for
the metrics role only, the per-token concurrency limit (429 with Retry-After), the time and
page limits (422) leaving no document and no successful audit row, and HTTPS with
--cert/--key (a self-signed certificate made here with openssl)."""
import concurrent.futures
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import tempfile

from common import ROOT, Failures, parse_args, run
from service import request, token

CANARY = "Wendeline"


def start(quire, db, *extra):
    server = subprocess.Popen([quire, "serve", "--listen", "127.0.0.1:0", "--db", "sqlite:" + db, *extra],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if "listening on " not in line:
        server.kill()
        raise RuntimeError(f"the server did not start: {line!r} {server.stderr.read()}")
    return server, line.split("listening on ", 1)[1].split()[0]


def stop(f, server):
    server.send_signal(signal.SIGTERM)
    try:
        f.check(server.wait(timeout=30) == 0, "quire serve exits 0 on SIGTERM")
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        f.check(False, "quire serve did not stop within 30 s of SIGTERM (killed)")


def raw_get(base, path, tok):
    """GET with the path exactly as given (urllib and curl would remove dot segments)."""
    host, port = base.split("//", 1)[1].rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.putheader("Authorization", "Bearer " + tok)
    conn.endheaders()
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res.status, body


def code(body):
    try:
        return json.loads(body)["errors"][0]["code"]
    except (ValueError, KeyError, IndexError):
        return None


def audit_rows(quire, db):
    out = run([quire, "audit", "--format", "json", "--db", "sqlite:" + db])
    return json.loads(out.stdout) if out.returncode == 0 else []


def record(name):
    with open(os.path.join(ROOT, "tests", "unit", "checks", "records", name + "-clean.json")) as fh:
        return json.load(fh)


def care_plan():
    return record("care-plan")


def routes(f, quire, tmp):
    db = os.path.join(tmp, "routes.db")
    worker = token(quire, db, "social-worker", "case-system")
    clerk = token(quire, db, "clerk", "committee-system")
    scraper = token(quire, db, "metrics", "prometheus")
    server, base = start(quire, db, "--max-pages", "1")
    try:
        plan = care_plan()
        del plan["areas"][2]["actions"][0]["who"]
        status, _, body = request(base, "POST", "/v1/check", worker, {"template": "care-plan", "data": plan})
        found = json.loads(body).get("findings", []) if status == 200 else []
        f.check(status == 200, f"check answers 200: {status} {body[:300]!r}")
        f.check(any(x["code"] == "plan.action.owner" and x["pointer"] == "/areas/2/actions/0/who" for x in found),
                f"check finds the action with no owner at its pointer: {found}")
        plan_file = os.path.join(tmp, "plan.json")
        with open(plan_file, "w") as fh:
            json.dump(plan, fh)
        cli = json.loads(run([quire, "check", "care-plan", plan_file, "--format", "json"]).stdout)["findings"]
        key = lambda x: (x["code"], x.get("pointer"), x["severity"], x["message"])  # noqa: E731
        f.check(sorted(map(key, found)) == sorted(map(key, cli)), "the service's findings are quire check's")
        status, _, body = request(base, "POST", "/v1/check", clerk, {"template": "care-plan", "data": plan})
        f.check(status == 403 and code(body) == "auth.forbidden", f"a clerk runs no checks: {status}")

        status, headers, body = request(base, "GET", "/v1/templates/care-plan/schema", clerk)
        with open(os.path.join(ROOT, "templates", "care-plan", "schema.json")) as fh:
            f.check(status == 200 and json.loads(body) == json.load(fh), f"the care plan's schema: {status}")
        status, _, body = request(base, "GET", "/v1/templates/nothing-here/schema", worker)
        f.check(status == 404 and code(body) == "usage.unknown-template", f"unknown template schema: {status} {body!r}")
        for path in ("/v1/templates/../../etc/passwd/schema", "/v1/templates/..%2F..%2Fetc%2Fpasswd/schema",
                     "/v1/templates/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd/schema", "/v1/templates/..%252Fetc/schema",
                     "/v1/templates/../schema", "/v1/templates/%2e%2e/schema"):
            status, body = raw_get(base, path, worker)
            f.check(status == 400 and code(body) in ("http.dot-segment", "usage.template-name")
                    and b"root:" not in body, f"{path} is refused with a JSON error: {status} {body[:200]!r}")

        status, _, body = request(base, "GET", "/v1/locales", worker)
        locales = {x["tag"]: x for x in json.loads(body)["locales"]} if status == 200 else {}
        f.check(locales.get("en-GB", {}).get("complete") is True, f"English is complete: {locales.get('en-GB')}")
        f.check(locales.get("ar", {}).get("direction") == "rtl", "Arabic is right to left")
        status_cli = json.loads(run([quire, "locales", "status", "--format", "json"]).stdout)
        for row in status_cli:
            mine = locales.get(row["locale"], {})
            f.check(mine.get("total") == row["total"] and mine.get("percent_complete") == row["percent_complete"],
                    f"{row['locale']}: the service's completeness is `quire locales status`'s: {mine} {row}")

        # The page limit: a pathway plan is longer than one page.
        status, _, body = request(base, "POST", "/v1/render", worker,
                                  {"template": "pathway-plan", "data": record("pathway-plan")})
        f.check(status == 422 and code(body) == "job.page-limit", f"over --max-pages: {status} {body[:200]!r}")
        pledge = {"template": "pledge", "data": {"id": "C-9", "child": {"first_name": CANARY},
                                                 "council": {"name": "Eastmarch"}, "issued": "2026-01-05"}}
        status, _, body = request(base, "POST", "/v1/render", worker, dict(pledge, deadline_ms=0))
        f.check(status == 422 and code(body) == "job.deadline", f"no time left: {status} {body[:200]!r}")
        status, _, _ = request(base, "POST", "/v1/render", worker, pledge)
        f.check(status == 200, f"the Pledge renders within the limits: {status}")

        status, headers, body = request(base, "GET", "/metrics", worker)
        f.check(status == 403, f"a social worker does not read the metrics: {status}")
        status, headers, body = request(base, "GET", "/metrics", scraper)
        text = body.decode()
        f.check(status == 200 and headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"),
                f"metrics: {status} {headers.get('Content-Type')}")
        for want in ('quire_renders_total{template="pledge",format="pdf",status="200"} 1',
                     'quire_render_failures_total{template="pathway-plan",format="pdf",status="422"} 1',
                     'quire_limit_refusals_total{code="job.page-limit"} 1',
                     'quire_limit_refusals_total{code="job.deadline"} 1',
                     'quire_checks_total{template="care-plan",status="200"} 1',
                     "# TYPE quire_render_duration_seconds histogram", "quire_queue_depth 0"):
            f.check(want in text, f"the metrics have {want!r}")
        f.check(CANARY not in text, "no case content in the metrics")

        rows = audit_rows(quire, db)
        renders = [r for r in rows if r["action"] == "render"]
        f.check([r["status"] for r in renders] == [422, 422, 200], f"one audit row per render: {renders}")
        f.check(all(r["output_sha256"] == "" for r in renders if r["status"] != 200),
                "a refused render's row names no document")
        f.check(sorted(os.listdir(tmp)) == sorted(n for n in os.listdir(tmp) if n.startswith("routes.db")
                                                  or n == "plan.json"), f"no file written: {os.listdir(tmp)}")
    finally:
        stop(f, server)


def concurrency(f, quire, tmp):
    db = os.path.join(tmp, "busy.db")
    worker = token(quire, db, "social-worker", "case-system")
    server, base = start(quire, db, "--max-concurrent", "1")
    try:
        body = {"template": "pathway-plan", "data": record("pathway-plan")}
        answers = []
        # Sixteen at once against one slot: some must wait their turn, and are told so.
        for _ in range(5):
            with concurrent.futures.ThreadPoolExecutor(16) as pool:
                answers += list(pool.map(lambda _: request(base, "POST", "/v1/render", worker, body), range(16)))
            if any(a[0] == 429 for a in answers):
                break
        statuses = [a[0] for a in answers]
        f.check(set(statuses) <= {200, 429}, f"each answer is the document or 429: {set(statuses)}")
        busy = [a for a in answers if a[0] == 429]
        f.check(len(busy) > 0, "a token over --max-concurrent 1 is refused with 429")
        f.check(all(code(a[2]) == "request.too-many" and a[1].get("Retry-After") == "1" for a in busy),
                "429 says request.too-many with Retry-After")
        rows = [r for r in audit_rows(quire, db) if r["action"] == "render"]
        f.check(sum(r["status"] == 200 for r in rows) == statuses.count(200)
                and sum(r["status"] == 429 and r["outcome"] == "failed" for r in rows) == len(busy),
                "the audit has each render and each refusal, as answered")
    finally:
        stop(f, server)


def tls(f, quire, tmp):
    if not shutil.which("openssl"):
        print("service_routes: SKIPPING the TLS part: no openssl command")
        return
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    made = run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
    if not f.check(made.returncode == 0, f"openssl made a certificate: {made.stderr}"):
        return
    db = os.path.join(tmp, "tls.db")
    worker = token(quire, db, "social-worker", "case-system")
    out = run([quire, "serve", "--listen", "127.0.0.1:0", "--db", "sqlite:" + db, "--cert", cert])
    f.check(out.returncode == 2 and "usage.tls" in out.stderr, f"--cert without --key: {out.returncode} {out.stderr}")
    out = run([quire, "serve", "--listen", "127.0.0.1:0", "--db", "sqlite:" + db, "--cert", key, "--key", cert])
    f.check(out.returncode == 2 and "usage.tls" in out.stderr, f"unusable TLS files: {out.returncode} {out.stderr}")
    server, base = start(quire, db, "--cert", cert, "--key", key)
    try:
        f.check(base.startswith("https://127.0.0.1:"), f"the server says https: {base}")
        host, port = base.split("//", 1)[1].rsplit(":", 1)
        ctx = ssl.create_default_context(cafile=cert)
        conn = http.client.HTTPSConnection(host, int(port), context=ctx, timeout=60)
        pledge = {"template": "pledge", "data": {"id": "C-7", "child": {"first_name": CANARY},
                                                 "council": {"name": "Eastmarch"}, "issued": "2026-01-05"}}
        conn.request("POST", "/v1/render", body=json.dumps(pledge),
                     headers={"Authorization": "Bearer " + worker, "Content-Type": "application/json"})
        res = conn.getresponse()
        pdf = res.read()
        f.check(res.status == 200 and pdf.startswith(b"%PDF-"), f"a Pledge over HTTPS: {res.status}")
        f.check(conn.sock.version() in ("TLSv1.2", "TLSv1.3"), f"TLS version {conn.sock.version()}")
        conn.close()
        try:
            strict = http.client.HTTPSConnection(host, int(port), context=ssl.create_default_context(), timeout=30)
            strict.request("GET", "/healthz")
            strict.getresponse()
            f.check(False, "a client without the CA accepted the self-signed certificate")
        except ssl.SSLError:
            f.check(True, "a client without the CA refuses the certificate")
        plain = http.client.HTTPConnection(host, int(port), timeout=30)
        try:
            plain.request("GET", "/healthz")
            got = plain.getresponse().status
        except (http.client.HTTPException, OSError):
            got = None
        f.check(got != 200, f"plain HTTP to the HTTPS port is not answered: {got}")
    finally:
        stop(f, server)


def main():
    args = parse_args()
    f = Failures("service_routes")
    with tempfile.TemporaryDirectory(prefix="quire-service-routes-") as tmp:
        for part in (routes, concurrency, tls):
            sub = os.path.join(tmp, part.__name__)
            os.makedirs(sub)
            part(f, args.quire, sub)
    f.finish()


if __name__ == "__main__":
    main()
