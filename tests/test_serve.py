"""Live preview: `mkdocs serve` rebuilds when content YAML is edited, added or deleted, reports content
errors in its log while it keeps serving the last good site, and recovers once they are fixed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project

TIMEOUT = 60  # seconds for any one change to show; a rebuild of the small fixture takes about a second


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


class Server:
    def __init__(self, project: Path):
        self.port = free_port()
        self.log_path = project / "serve.log"
        self.log = self.log_path.open("w")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, what: str, condition) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve stopped while waiting for {what}:\n{self.text()}"
            if condition():
                return
            time.sleep(0.2)
        pytest.fail(f"timed out waiting for {what}; the server log:\n{self.text()}")

    def wait_for_page(self, path: str, status: int, containing: str = "") -> None:
        def shown() -> bool:
            code, body = fetch(self.url(path))
            return code == status and containing in body
        self.wait_for(f"{path} to answer {status} with {containing!r}", shown)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def server(tmp_path: Path):
    project = make_project(tmp_path / "project", FIXTURES / "small" / "content")
    running = Server(project)
    running.project = project
    try:
        running.wait_for_page("roles/shop-manager/", 200, "Web shop manager")
        yield running
    finally:
        running.stop()


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_reloads_on_edit_add_and_delete_and_recovers_from_content_errors(server):
    content = server.project / "content"

    # edited: the page shows the new text
    replace_in(content / "en/roles/shop-manager.yaml", "name: Web shop manager", "name: Head of the web shop")
    server.wait_for_page("roles/shop-manager/", 200, "Head of the web shop")

    # added: a new concept (its four files) gets a page in every language
    for area in ("facts", "en", "nl", "it"):
        source = content / area / "concepts" / "omnichannel.yaml"
        text = source.read_text(encoding="utf-8").replace("omnichannel", "multichannel")
        (content / area / "concepts" / "multichannel.yaml").write_text(
            text.replace("name: Omnichannel", "name: Multichannel"), encoding="utf-8")
    server.wait_for_page("concepts/multichannel/", 200, "Multichannel")
    server.wait_for_page("nl/concepts/multichannel/", 200)

    # deleted: the page goes away
    for area in ("facts", "en", "nl", "it"):
        (content / area / "concepts" / "multichannel.yaml").unlink()
    server.wait_for_page("concepts/multichannel/", 404)

    # broken: the log names the file and line; the server keeps serving the last good site
    replace_in(content / "facts/roles/shop-manager.yaml", "level: essential", "level: sometimes")
    server.wait_for("the content error in the log", lambda: (
        "content/facts/roles/shop-manager.yaml:4:12: 'level' must be one of 'essential' or 'optional'"
        in server.text()))
    assert "Traceback" not in server.text()
    server.wait_for_page("roles/shop-manager/", 200, "Content problems: this preview shows the last good version")
    assert "Head of the web shop" in fetch(server.url("roles/shop-manager/"))[1]

    # fixed: the next build succeeds without a restart
    replace_in(content / "facts/roles/shop-manager.yaml", "level: sometimes", "level: optional")
    replace_in(content / "en/roles/shop-manager.yaml", "name: Head of the web shop", "name: Web shop lead")
    server.wait_for_page("roles/shop-manager/", 200, "Web shop lead")
    assert server.process.poll() is None
