#!/usr/bin/env python3
"""Translators through the service, as a real `quire serve` process on a copy of quire's
templates and catalogues (QUIRE_HOME): a translator exports Tigrinya's XLIFF
(GET /v1/locales/ti/export), changes the Pledge's title and imports it
(POST /v1/locales/ti/import), which keeps it as a pending import; a social worker is refused
(403); a file with three broken translations is refused with every problem and its line and
column in the file, and changes nothing (the catalogues' bytes and the list of imports are
the same after it); a PO body is refused (415); every import, accepted or refused, has an
audit row with the file's SHA-256 and never the file's text. Then `quire locales apply`
writes the accepted import into the copy, and after a restart a Pledge rendered in Tigrinya
through the service carries the new title (before it, the old one). All of it on SQLite,
then again on a real PostgreSQL server started on loopback as service_jobs.py starts one
(skipped with a loud message when Debian's postgresql package is not there), where
test_service's PostgreSQL driver cases (--unit) run too."""
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import urllib.error
import urllib.request

from common import ROOT, Failures, parse_args, pdf_text, run, squash, tree_hash
from service_jobs import free_port, pg_tools, psql

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
OLD_TITLE = "መብጽዓና ንዓኹም"
NEW_TITLE = "መብጽዓና ንዓኹም ብሓቂ"  # "our pledge to you, truly": a change a reviewer might make
CANARY_TEXT = "ብሓቂ"  # the new words, which must not reach the database's audit table


def call(base, method, path, tok, body=None, content_type=None):
    req = urllib.request.Request(base + path, data=body, method=method)
    req.add_header("Authorization", "Bearer " + tok)
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with OPENER.open(req, timeout=120) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def start(quire, db, env):
    server = subprocess.Popen([quire, "serve", "--listen", "127.0.0.1:0", "--db", db, "--workers", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
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


def token(quire, db, role, name, env):
    out = run([quire, "tokens", "create", "--role", role, "--name", name, "--db", db], env=env)
    if out.returncode != 0:
        raise RuntimeError("tokens create failed: " + out.stderr)
    return out.stdout.split()[-1]


def pledge_title(f, base, tok, tmp, name):
    data = {"id": "C-31", "child": {"first_name": "Selam"}, "council": {"name": "Northbridge City Council"},
            "issued": "2026-09-02"}
    body = json.dumps({"template": "pledge", "data": data, "locale": "ti", "format": "pdf"}).encode()
    status, _, pdf = call(base, "POST", "/v1/render", tok, body, "application/json")
    f.check(status == 200 and pdf.startswith(b"%PDF-"), f"a Tigrinya Pledge renders: {status} {pdf[:200]!r}")
    path = os.path.join(tmp, name)
    with open(path, "wb") as out:
        out.write(pdf)
    return squash(pdf_text(path))


def scenario(f, quire, tmp, db, audit_text_of):
    """The whole workflow on the database `db` (a --db value); audit_text_of() gives the
    audit table's rows as text."""
    home = os.path.join(tmp, "home")
    shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(home, "templates"))
    shutil.copytree(os.path.join(ROOT, "locales"), os.path.join(home, "locales"))
    env = dict(os.environ, QUIRE_HOME=home)
    locales = os.path.join(home, "locales")
    translator = token(quire, db, "translator", "tigrinya-reviewer", env)
    worker = token(quire, db, "social-worker", "case-system", env)

    server, base = start(quire, db, env)
    try:
        # Export, as the translator's CAT tool would open it.
        status, headers, xliff = call(base, "GET", "/v1/locales/ti/export", translator)
        f.check(status == 200 and headers.get("Content-Type", "").startswith("application/xliff+xml"),
                f"the translator exports Tigrinya: {status} {headers}")
        text = xliff.decode()
        f.check(f">{OLD_TITLE}</target>" in text, "the export has the Pledge's title as installed")
        status, _, _ = call(base, "GET", "/v1/locales/ti/export", worker)
        f.check(status == 403, f"a social worker may not export: {status}")
        status, _, tmx = call(base, "GET", "/v1/locales/ti/export?format=tmx", translator)
        f.check(status == 200 and b"<tmx " in tmx, f"?format=tmx gives the translation memory: {status} {tmx[:120]!r}")
        status, _, body = call(base, "GET", "/v1/locales/ti/export?format=po", translator)
        f.check(status == 400 and json.loads(body)["errors"][0]["code"] == "usage.export-format",
                f"?format=po is refused: {status} {body!r}")
        before = tree_hash(locales)
        title_before = pledge_title(f, base, translator, tmp, "before.pdf")
        f.check(squash(OLD_TITLE) in title_before and CANARY_TEXT not in title_before,
                "before any import the Pledge has the installed title")

        good = text.replace(f'<target state="translated" state-qualifier="mt-suggestion">{OLD_TITLE}</target>',
                            f'<target state="signed-off" approved="yes">{NEW_TITLE}</target>', 1)
        f.check(good != text, "the test changed the title in the exported file")
        good_bytes = good.encode()

        # A social worker may not import.
        status, _, body = call(base, "POST", "/v1/locales/ti/import", worker, good_bytes, "application/xliff+xml")
        f.check(status == 403 and json.loads(body)["errors"][0]["code"] == "auth.forbidden",
                f"a social worker's import is 403: {status} {body!r}")

        # A file with three broken translations: every problem, each at its line and column.
        lines = good.split("\n")
        broken = good.replace('ካብ <ph id="2">{pages}</ph></target>', "ካብ</target>", 1)
        broken = broken.replace('<ph id="1">{name}</ph>፣</target>', '<ph id="1">{nmae}</ph>፣</target>', 1)
        broken = broken.replace('ብስም <ph id="1">{council}</ph> ዝተፈረመ</target>', "ብስም {council ዝተፈረመ</target>", 1)
        f.check(broken.count("\n") == len(lines) - 1 and broken != good, "the test broke three translations")
        broken_lines = {i + 1 for i, (a, b) in enumerate(zip(good.split("\n"), broken.split("\n"))) if a != b}
        status, _, body = call(base, "POST", "/v1/locales/ti/import", translator, broken.encode(),
                               "application/xliff+xml")
        answer = json.loads(body)
        errors = answer.get("errors", [])
        codes = {e["code"] for e in errors}
        f.check(status == 422, f"a broken file is 422: {status} {body[:300]!r}")
        f.check({"locale.placeholder-missing", "locale.placeholder-unknown", "locale.syntax"} <= codes,
                f"every problem is reported at once: {sorted(codes)}")
        f.check(all(e.get("line") in broken_lines and e.get("column", 0) > 0 for e in errors),
                f"each error has the line and column of its translation in the file (lines {sorted(broken_lines)}): {errors}")
        f.check({e.get("line") for e in errors} == broken_lines, f"the three broken lines are all named: {errors}")

        # PO is not a format quire reads; the content type says so.
        status, _, body = call(base, "POST", "/v1/locales/ti/import", translator, b'msgid "x"\nmsgstr "y"\n',
                               "text/x-po")
        f.check(status == 415 and json.loads(body)["errors"][0]["code"] == "usage.import-format",
                f"a PO file is 415: {status} {body!r}")
        # The address and the file must agree on the language.
        status, _, body = call(base, "POST", "/v1/locales/ar/import", translator, good_bytes,
                               "application/xliff+xml")
        f.check(status == 422 and json.loads(body)["errors"][0]["code"] == "usage.locale-mismatch",
                f"a Tigrinya file sent to /v1/locales/ar is refused: {status} {body!r}")

        status, _, body = call(base, "GET", "/v1/locales/ti/imports", translator)
        f.check(status == 200 and json.loads(body)["imports"] == [],
                f"refused imports leave no pending import: {status} {body!r}")
        f.check(tree_hash(locales) == before, "refused imports change no catalogue")

        # The good file is accepted and kept for an admin.
        status, _, body = call(base, "POST", "/v1/locales/ti/import", translator, good_bytes,
                               "application/xliff+xml; charset=utf-8")
        answer = json.loads(body)
        imp = answer.get("import", {})
        f.check(status == 202 and imp.get("state") == "pending" and imp.get("locale") == "ti",
                f"the translator's import is accepted as pending: {status} {body!r}")
        f.check(any(c.startswith("updated pledge.title") for c in imp.get("changes", [])),
                f"the answer lists the changed string: {imp.get('changes')}")
        upload_sha = hashlib.sha256(good_bytes).hexdigest()
        f.check(imp.get("upload_sha256") == upload_sha, "the answer has the file's SHA-256")
        status, _, body = call(base, "GET", "/v1/locales/ti/imports", translator)
        listed = json.loads(body).get("imports", [])
        f.check(len(listed) == 1 and listed[0]["id"] == imp.get("id") and listed[0]["who"] == "tigrinya-reviewer",
                f"the import is listed: {listed}")
        f.check(tree_hash(locales) == before, "an accepted import is not yet in the catalogues")
        title_pending = pledge_title(f, base, translator, tmp, "pending.pdf")
        f.check(CANARY_TEXT not in title_pending, "a pending import does not change renders")
    finally:
        stop(f, server)

    # The audit: a row per import, accepted or refused, with the file's SHA-256 and never its text.
    out = run([quire, "audit", "--db", db, "--format", "json"], env=env)
    rows = [r for r in json.loads(out.stdout) if r["action"] == "locale-import"]
    by_status = sorted((r["status"], r["outcome"], r["who"]) for r in rows)
    f.check(by_status == [(202, "ok", "tigrinya-reviewer"), (403, "failed", "case-system"),
                          (415, "failed", "tigrinya-reviewer"), (422, "failed", "tigrinya-reviewer"),
                          (422, "failed", "tigrinya-reviewer")],
            f"one audit row per import: {by_status}")
    ok_row = next((r for r in rows if r["status"] == 202), {})
    f.check(ok_row.get("upload_sha256") == upload_sha and ok_row.get("locale") == "ti" and ok_row.get("at"),
            f"the accepted import's row has when, the locale and the file's SHA-256: {ok_row}")
    f.check(all(len(r["upload_sha256"]) == 64 for r in rows), "every import row has its file's SHA-256")
    refused = [r for r in rows if r["status"] == 422 and r["locale"] == "ti"]
    f.check(refused and "locale.syntax" in refused[0]["codes"], f"a refused row names the codes: {refused}")
    audit_text = audit_text_of()
    f.check(CANARY_TEXT not in audit_text and "trans-unit" not in audit_text,
            "the audit table holds no text of the uploaded files")

    # An admin applies it (on the machine whose catalogues quire serve reads), then restarts.
    out = run([quire, "locales", "apply", str(imp.get("id")), "--db", db], env=env)
    f.check(out.returncode == 0 and "updated pledge.title" in out.stdout,
            f"quire locales apply writes the import: {out.returncode} {out.stdout} {out.stderr}")
    with open(os.path.join(locales, "ti", "messages.xlf"), encoding="utf-8") as cat:
        f.check(NEW_TITLE in cat.read(), "the Tigrinya catalogue has the new title")
    again = run([quire, "locales", "apply", str(imp.get("id")), "--db", db], env=env)
    f.check(again.returncode == 2 and "applied already" in again.stderr,
            f"an import is applied once: {again.returncode} {again.stderr}")
    out = run([quire, "audit", "--db", db, "--format", "json"], env=env)
    applied = [r for r in json.loads(out.stdout) if r["action"] == "locale-apply"]
    f.check(len(applied) == 1 and applied[0]["upload_sha256"] == upload_sha, f"the apply is audited: {applied}")

    server, base = start(quire, db, env)
    try:
        title_after = pledge_title(f, base, translator, tmp, "after.pdf")
        f.check(squash(NEW_TITLE) in title_after, "after apply and a restart the Pledge has the new title")
        status, _, body = call(base, "GET", "/v1/locales/ti/imports", translator)
        listed = json.loads(body).get("imports", [])
        f.check(len(listed) == 1 and listed[0]["state"] == "applied" and listed[0]["applied_by"] == "cli",
                f"the import shows as applied: {listed}")
    finally:
        stop(f, server)


def sqlite_part(f, quire, tmp):
    db = os.path.join(tmp, "quire.db")

    def audit_text():
        con = sqlite3.connect(db)
        text = json.dumps(con.execute("SELECT * FROM audit").fetchall(), ensure_ascii=False)
        con.close()
        return text

    scenario(f, quire, tmp, "sqlite:" + db, audit_text)


def pg_part(f, quire, tmp, unit=None):
    """The same on a real PostgreSQL server (Debian's package), started as service_jobs.py does."""
    tools = pg_tools()
    if not tools or not shutil.which("psql"):
        print("!" * 70 + "\nSKIPPED: the PostgreSQL part (no initdb/pg_ctl/psql: install Debian's postgresql package)\n" + "!" * 70)
        return
    pgdir = os.path.join(tmp, "pg")
    os.makedirs(pgdir)
    as_user = [] if os.geteuid() != 0 else ["runuser", "-u", "nobody", "--"]
    if as_user:
        os.chmod(tmp, 0o755)
        shutil.chown(pgdir, "nobody")
    data = os.path.join(pgdir, "data")
    init = run(as_user + [os.path.join(tools, "initdb"), "-D", data, "-U", "quire", "--auth=trust", "-E", "UTF8", "--no-locale"])
    if init.returncode != 0:
        print("!" * 70 + "\nSKIPPED: the PostgreSQL part: initdb failed:\n" + init.stderr[-800:] + "\n" + "!" * 70)
        return
    port = free_port()
    started = run(as_user + [os.path.join(tools, "pg_ctl"), "-D", data, "-l", os.path.join(pgdir, "log"), "-w", "-t", "60",
                             "-o", f"-h 127.0.0.1 -p {port} -k {pgdir} -F", "start"])
    if started.returncode != 0:
        print("!" * 70 + "\nSKIPPED: the PostgreSQL part: the server did not start:\n" + started.stderr[-800:] + "\n" + "!" * 70)
        return
    url = f"postgresql://quire@127.0.0.1:{port}/postgres"
    try:
        work = os.path.join(tmp, "on-pg")
        os.makedirs(work)
        scenario(f, quire, work, url, lambda: psql(url, "SELECT * FROM audit"))
        if unit and not os.path.exists(unit):
            print("!" * 70 + f"\nSKIPPED: test_service's PostgreSQL cases: {unit} is not built\n" + "!" * 70)
        elif unit:
            # The driver's own cases (tests/unit/service/postgres_test.cpp) on this server.
            out = run([unit, "--test-case=PostgreSQL*"], env=dict(os.environ, QUIRE_TEST_POSTGRES=url))
            summary = [line for line in out.stdout.splitlines() if "assertions:" in line]
            f.check(out.returncode == 0 and summary and " 0 passed" not in summary[0],
                    f"test_service's PostgreSQL cases pass on the server: {out.stdout[-1500:]} {out.stderr[-500:]}")
    finally:
        run(as_user + [os.path.join(tools, "pg_ctl"), "-D", data, "-m", "immediate", "stop"])


def main():
    args = parse_args([("--part", {"choices": ["sqlite", "postgresql", "all"], "default": "all"}),
                       ("--unit", {"help": "test_service, whose PostgreSQL cases run on the server started here"})])
    f = Failures("service_locales")
    with tempfile.TemporaryDirectory(prefix="quire-service-locales-") as tmp:
        if args.part in ("sqlite", "all"):
            os.makedirs(os.path.join(tmp, "sqlite"))
            sqlite_part(f, args.quire, os.path.join(tmp, "sqlite"))
        if args.part in ("postgresql", "all"):
            pg_part(f, args.quire, tmp, args.unit)
    f.finish()


if __name__ == "__main__":
    main()
