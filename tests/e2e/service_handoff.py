"""The service's commands (serve, tokens, audit, worker, locales apply) run in quire-service,
beside quire: quire lists them in its help and hands their whole command line to it with
execv, so quire itself never links the HTTP service's libraries (docs/ARCHITECTURE.md)."""
import os
import re
import shutil
import subprocess
import tempfile
import urllib.request

from common import Failures, parse_args, run

args = parse_args()
t = Failures("service.handoff")
quire = os.path.abspath(args.quire)
service = os.path.join(os.path.dirname(quire), "quire-service")
COMMANDS = ["serve", "tokens", "audit", "worker"]


def listing(help_text):
    """name -> one line description of each subcommand in a CLI11 help text."""
    out, inside = {}, False
    for line in help_text.split("\n"):
        if line.startswith("Subcommands:"):
            inside = True
        elif inside and line.strip():
            name, _, description = line.strip().partition(" ")
            out[name] = description.strip()
        elif inside:
            break
    return out


# quire --help lists the service's commands with the lines quire-service gives them.
mine, theirs = run([quire, "--help"]), run([service, "--help"])
t.check(mine.returncode == 0 and theirs.returncode == 0, f"--help exits {mine.returncode}, {theirs.returncode}")
listed, served = listing(mine.stdout), listing(theirs.stdout)
for name in COMMANDS:
    t.check(listed.get(name), f"quire --help does not list {name}: {mine.stdout!r}")
    t.check(listed.get(name) == served.get(name), f"{name}: quire says {listed.get(name)!r}, "
            f"quire-service {served.get(name)!r}")
t.check("render" in listed and "render" not in served, f"render is quire's alone: {listed}, {served}")

# `quire serve --help` is the serve command's own help, options and all, as quire-service prints it.
for cmd, options in ((["serve"], ["--listen", "--db", "--workers", "--cert", "--key", "--retain"]),
                     (["worker"], ["--db", "--threads", "--lease"]),
                     (["tokens", "create"], ["--role", "--name", "--public-only"]),
                     (["audit"], ["--since", "--format"]),
                     (["locales", "apply"], ["--db", "--dry-run", "--strict"])):
    r = run([quire, *cmd, "--help"])
    direct = run([service, *cmd, "--help"])
    t.check(r.returncode == 0, f"quire {' '.join(cmd)} --help exits {r.returncode}: {r.stderr!r}")
    for option in options:
        t.check(re.search(r"^\s+" + re.escape(option) + r"\b", r.stdout, re.M),
                f"quire {' '.join(cmd)} --help has no {option}: {r.stdout!r}")
    t.check(r.stdout.replace(quire, "X") == direct.stdout.replace(service, "X"),
            f"quire {' '.join(cmd)} --help is not quire-service's: {r.stdout!r} / {direct.stdout!r}")
    t.check(f"Usage: {quire} {' '.join(cmd)}" in r.stdout, f"the usage line names quire: {r.stdout!r}")

# A usage error in a service command is still exit 2.
r = run([quire, "serve", "--no-such-option"])
t.check(r.returncode == 2, f"serve --no-such-option exits {r.returncode}: {r.stderr!r}")

with tempfile.TemporaryDirectory(prefix="quire-e2e-") as tmp:
    # The hand-off does the work: a token made through quire is listed and audited through quire.
    db = "sqlite:" + os.path.join(tmp, "quire.db")
    r = run([quire, "tokens", "create", "--role", "clerk", "--name", "handoff-test", "--db", db])
    t.check(r.returncode == 0, f"tokens create exits {r.returncode}: {r.stderr!r}")
    r = run([quire, "tokens", "list", "--db", db])
    t.check(r.returncode == 0 and "handoff-test\tclerk" in r.stdout, f"tokens list: {r.returncode} {r.stdout!r}")
    r = run([quire, "audit", "--db", db, "--format", "json"])
    t.check(r.returncode == 0 and '"token-create"' in r.stdout, f"audit: {r.returncode} {r.stdout!r}")

    # It replaces the process (execv): quire serve's pid is the server's, so signals reach it.
    server = subprocess.Popen([quire, "serve", "--listen", "127.0.0.1:0", "--db", db, "--workers", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        t.check("listening on" in line, f"quire serve did not start: {line!r}")
        # Answered once, it is serving.
        port = re.search(r":(\d+) ", line)
        with urllib.request.urlopen(f"http://127.0.0.1:{port.group(1) if port else 0}/healthz", timeout=30) as got:
            t.check(got.status == 200, f"GET /healthz through the handed-off server: {got.status}")
        exe = os.path.realpath(f"/proc/{server.pid}/exe")
        t.check(exe == os.path.realpath(service), f"quire serve's process runs {exe}, not {service}")
    finally:
        server.terminate()
        try:
            t.check(server.wait(timeout=30) == 0, f"quire serve exits {server.returncode} on SIGTERM")
        except subprocess.TimeoutExpired:
            server.kill()
            t.check(False, "quire serve did not stop within 30 s of SIGTERM")
        server.stdout.close()
        server.stderr.close()

    # quire is found through a link to it: quire-service is looked for beside the real file.
    linked = os.path.join(tmp, "linked")
    os.mkdir(linked)
    os.symlink(quire, os.path.join(linked, "quire"))
    r = run([os.path.join(linked, "quire"), "serve", "--help"])
    t.check(r.returncode == 0 and "--listen" in r.stdout, f"through a link: {r.returncode} {r.stderr!r}")

    # quire alone: its own commands work; a service command is a clear error naming the path.
    alone = os.path.join(tmp, "alone")
    os.mkdir(alone)
    shutil.copy2(quire, alone)
    copy = os.path.join(alone, "quire")
    r = run([copy, "templates"])
    t.check(r.returncode == 0 and r.stdout.strip(), f"quire templates alone: {r.returncode} {r.stderr!r}")
    missing = os.path.join(alone, "quire-service")
    for cmd in (["serve", "--help"], ["tokens", "list", "--db", db], ["locales", "apply", "1", "--db", db]):
        r = run([copy, *cmd])
        said = " ".join(cmd[:2] if cmd[0] == "locales" else cmd[:1])
        t.check(r.returncode == 1, f"quire {said} without quire-service exits {r.returncode} (internal: 1)")
        t.check(f"error[internal.service-executable]: `quire {said}`" in r.stderr and missing in r.stderr,
                f"quire {said} without quire-service: {r.stderr!r}")
        t.check(not r.stdout, f"quire {said} without quire-service printed {r.stdout!r}")

# A SIGTERM the moment quire serve says it listens, before the HTTP server runs, stops it:
# cpp-httplib ignores stop() until then, and 6 of 20 such servers used never to exit.
with tempfile.TemporaryDirectory() as tmp:
    for attempt in range(10):
        db = os.path.join(tmp, f"early{attempt}.db")
        # With its render workers, which start between that line and the server.
        server = subprocess.Popen([quire, "serve", "--listen", "127.0.0.1:0", "--db", db, "--workers", "2"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = server.stdout.readline()
            t.check("listening on" in line, f"quire serve did not start: {line!r}")
            server.terminate()
            t.check(server.wait(timeout=30) == 0, f"quire serve exits {server.returncode} on an early SIGTERM")
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            t.check(False, f"quire serve did not stop within 30 s of a SIGTERM sent as it started (try {attempt + 1})")
        finally:
            server.stdout.close()
            server.stderr.close()

# What the split is for: quire needs none of the service's libraries; quire-service does.
if shutil.which("readelf"):
    def needed(path):
        return re.findall(r"\(NEEDED\).*\[(.*)\]", run(["readelf", "-d", path]).stdout)

    service_libs = re.compile(r"^lib(pq|cpp-httplib|sqlite3|crypto|ssl)\.so")
    mine, theirs = needed(quire), needed(service)
    t.check(mine and not [n for n in mine if service_libs.match(n)], f"quire needs {mine}")
    t.check(len([n for n in theirs if service_libs.match(n)]) >= 3, f"quire-service needs {theirs}")

t.finish()
