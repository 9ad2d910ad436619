"""The opt-in external link check, against a local web server only (tests never use the network)."""
from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO
from guide.tools.external_links import check_external


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/slow":
            threading.Event().wait(3)
            self.send_response(200)
        else:
            self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path == "/no-head" else 404)
        self.end_headers()

    def log_message(self, *arguments):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(tmp_path: Path, server: str) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        f'<a href="{server}/ok">ok</a>\n<a href="{server}/gone#part">gone</a>\n<a href="a/">internal</a>'
        f'<a href="mailto:x@example.org">mail</a>')
    (tmp_path / "a" / "index.html").write_text(
        f'<p>\n<a href="{server}/gone">again</a> <a href="{server}/no-head">get only</a>\n'
        f'<img src="{server}/slow"> <a href="http://127.0.0.1:9/closed">closed port</a></p>')
    return tmp_path


def test_broken_external_links_are_reported_with_page_and_line(site, server):
    broken, checked = check_external(site, timeout=1.0)
    assert checked == 5  # ok, gone (twice, once checked), no-head, slow, closed
    assert broken == [
        f"a/index.html:2: broken external link: {server}/gone (HTTP 404)",
        f"a/index.html:3: broken external link: {server}/slow (no answer within 1 s)",
        "a/index.html:3: broken external link: http://127.0.0.1:9/closed (unreachable: Connection refused)",
        f"index.html:2: broken external link: {server}/gone (HTTP 404)",
    ]


def linkcheck(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide", "linkcheck", *arguments], capture_output=True, text=True,
                          cwd=REPO, timeout=60)


def test_the_command_reports_external_links_and_fails_on_them_only_when_strict(site, server):
    internal_only = linkcheck(str(site))
    assert internal_only.returncode == 0 and "external" not in internal_only.stdout
    reported = linkcheck(str(site), "--external", "--timeout", "1")
    assert reported.returncode == 0, reported.stderr
    assert f"index.html:2: broken external link: {server}/gone (HTTP 404)" in reported.stderr.splitlines()
    assert "5 external URLs checked, 4 links broken (reported only; add --strict to fail on them)." in reported.stdout
    strict = linkcheck(str(site), "--external", "--strict", "--timeout", "1")
    assert strict.returncode == 1
