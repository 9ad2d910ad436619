"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, directory index pages, caching.

GitHub Pages and other static hosts compress text files, and Lighthouse counts transferred bytes, so the
benchmark measures pages through this server rather than through `python -m http.server`, which does not
compress. Files are compressed once and kept in memory.

    python bench/serve.py site 8765
"""
from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")


def make_handler(root: Path):
    root = root.resolve()

    @lru_cache(maxsize=4096)
    def compressed(path: Path, mtime: float) -> bytes:
        return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            url_path = unquote(urlsplit(self.path).path)
            path = (root / url_path.lstrip("/")).resolve()
            if root not in path.parents and path != root:
                return self._send(404, b"not found", "text/plain")
            if path.is_dir():
                if not url_path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", url_path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path = path / "index.html"
            if not path.is_file():
                not_found = root / "404.html"
                body = not_found.read_bytes() if not_found.is_file() else b"not found"
                return self._send(404, body, "text/html", head=head)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(_COMPRESSIBLE)
            body = compressed(path, path.stat().st_mtime) if gzip_ok else path.read_bytes()
            self._send(200, body, kind, head=head, gzipped=gzip_ok,
                       cache="public, max-age=31536000, immutable" if "/assets/" in url_path else "public, max-age=600")

        def _send(self, status: int, body: bytes, kind: str, head: bool = False, gzipped: bool = False,
                  cache: str = "no-cache") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", cache)
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):  # a browser hanging up
            super().handle_error(request, client_address)


class SiteServer:
    """`with SiteServer(site) as base_url:` serves site/ on a free port of 127.0.0.1 in a thread."""

    def __init__(self, root: Path, port: int = 0):
        self.server = _Server(("127.0.0.1", port), make_handler(Path(root)))

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    server = _Server(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2 else 8765), make_handler(Path(sys.argv[1])))
    print(f"serving {sys.argv[1]} on http://127.0.0.1:{server.server_address[1]}/")
    server.serve_forever()
