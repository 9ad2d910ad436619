"""The editor's loop: from saving a content file to the changed page served by `mkdocs serve`, against a full
strict build of the same content in the same run; and `python -m guide check` after one edit, with its cache
and without. Writes bench/results/editor_loop.json and the "editor's loop" section of bench/REPORT.md.

    .venv/bin/python bench/editor_loop.py                       # the real content and 1,000 per kind (~40 min)
    .venv/bin/python bench/editor_loop.py --sizes real --reps 3 # the real content only (a few minutes)

For each content: a full strict build (`mkdocs build --strict`, timed from the command to its end), then a
real `mkdocs serve` of the same project, and, repeated --reps times, each edit (alternating, so every
repetition changes something):

- rename: a role's English name;
- description: the same role's Dutch description;
- level: the level of the role's first need flipped (its facts file: every language);
- year: a source's year (a facts file: every language, every page that cites the source);
- delete: a debate's four files deleted, then added back (the "add" figures).

Two times per edit: *served*, from writing the file to the first request that gets the changed page (or the
404 of the deleted one) from the server (MkDocs' server holds every request while it rebuilds, so this is
when the pages are written and browsers told to reload); *search indexed*, to the end of the rebuild: the
search of the languages it changed, indexed in the background after the pages are served (the server's log
says when). At the end, the served site is
compared with a fresh strict build of the same content, byte for byte but for the sitemap's dates
(--no-compare skips it).
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results" / "editor_loop.json"
PYTHON = sys.executable
sys.path.insert(0, str(BENCH))

from run import machine, make_project  # noqa: E402

import synth  # noqa: E402


def log(*parts: object) -> None:
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def environment(port: int, **extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_SITE_URL": f"http://127.0.0.1:{port}/", **extra}


def full_build(project: Path, port: int) -> float:
    shutil.rmtree(project / "site", ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run([PYTHON, "-m", "mkdocs", "build", "--strict"], cwd=project, env=environment(port),
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"the full build of {project} failed:\n{result.stderr[-3000:]}")
    return seconds


class Server:
    def __init__(self, project: Path, port: int):
        self.tmp = project / ".servetmp"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir()
        self.port = port
        self.log_path = project / "serve.log"
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                        cwd=project, env=environment(port, TMPDIR=str(self.tmp)), stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def reloads(self) -> int:
        return self.text().count("Reloading browsers")

    def searches_pending(self) -> int:
        """Search indexing started (hooks/guide_serve.py says so) and not yet ended."""
        text = self.text()
        ended = ("guide: search indexed in", "guide: search indexing stopped", "Pagefind could not index")
        return text.count("guide: indexing the search of") - sum(text.count(end) for end in ended)

    def site(self) -> Path:
        (site,) = self.tmp.glob("mkdocs_*")
        return site

    def wait(self, what: str, condition, timeout: float = 1800) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped while waiting for {what}:\n{self.text()[-5000:]}")
            if condition():
                return time.perf_counter()
            time.sleep(0.05)
        raise SystemExit(f"timed out waiting for {what}:\n{self.text()[-5000:]}")

    def page(self, path: str, status: int, containing: str = "") -> float:
        def shown() -> bool:
            code, body = fetch(self.url(path))
            return code == status and containing in body
        return self.wait(f"{path} {status} {containing!r}", shown)

    def changed(self, reloads_before: int, path: str, shown) -> tuple[float, float]:
        """(when the changed page was first served: shown(status, body) true, when the rebuild ended: the
        server's 'Reloading browsers' and the search indexed), watched in one loop; then waits until no other
        rebuild started for two seconds."""
        served = done = None
        while served is None or done is None:
            if self.process.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped:\n{self.text()[-5000:]}")
            if done is None and self.reloads() > reloads_before and not self.searches_pending():
                done = time.perf_counter()
            if served is None and shown(*fetch(self.url(path))):
                served = time.perf_counter()
            time.sleep(0.02)
        while True:
            count, size = self.reloads(), len(self.text())
            time.sleep(2)
            if self.reloads() == count and "Detected file changes" not in self.text()[size:]:
                return served, done
            self.wait("the search indexed", lambda: not self.searches_pending())
            done = time.perf_counter()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def first(pattern: str, text: str) -> str:
    found = re.search(pattern, text, re.M)
    assert found, pattern
    return found.group(1)


class Edits:
    """The files each scenario edits, and how to tell the changed page is served."""

    def __init__(self, content: Path):
        self.content = content
        roles = sorted(p.stem for p in (content / "facts" / "roles").glob("*.yaml"))
        self.role = "e-commerce-manager" if "e-commerce-manager" in roles else roles[len(roles) // 2]
        sources = sorted(p for p in (content / "facts" / "sources").glob("*.yaml"))
        self.source = next(p for p in sources if re.search(r"^year: \d+$", p.read_text(encoding="utf-8"), re.M))
        self.debate = sorted(p.stem for p in (content / "facts" / "debates").glob("*.yaml"))[-1]
        self.files = {language: content / language / "roles" / f"{self.role}.yaml" for language in ("en", "nl")}
        self.facts_file = content / "facts" / "roles" / f"{self.role}.yaml"
        self.debate_files = {area: content / area / "debates" / f"{self.debate}.yaml"
                             for area in ("facts", "en", "nl", "it")}
        self.originals = {path: path.read_bytes() for path in [*self.files.values(), self.facts_file, self.source,
                                                                *self.debate_files.values()]}

    def restore(self) -> None:
        for path, data in self.originals.items():
            path.write_bytes(data)

    def rename(self, rep: int, server: Server) -> tuple[str, Shown]:
        path = self.files["en"]
        text = self.originals[path].decode()
        name = f"{first(r'^name: (.*)$', text)} renamed {rep}"
        path.write_text(re.sub(r"^name: .*$", f"name: {name}", text, count=1, flags=re.M), encoding="utf-8")
        return f"roles/{self.role}/", lambda status, body: status == 200 and f">{name}</h1>" in body

    def description(self, rep: int, server: Server | None = None) -> tuple[str, Shown]:
        path = self.files["nl"]
        text = self.originals[path].decode()
        marker = f"Bewerkt {rep}."
        edited = re.sub(r"^description: (>-?\n  )?", lambda m: m.group(0) + marker + " ", text, count=1, flags=re.M)
        path.write_text(edited, encoding="utf-8")
        return f"nl/roles/{self.role}/", lambda status, body: status == 200 and marker in body

    def level(self, rep: int, server: Server) -> tuple[str, Shown]:
        """The first need of the role flipped between essential and optional (its facts file)."""
        page = f"it/roles/{self.role}/"
        before = _without_script(fetch(server.url(page))[1])
        text = self.facts_file.read_text(encoding="utf-8")
        flipped = {"essential": "optional", "optional": "essential"}
        edited = re.sub(r"^( +level: )(essential|optional)$", lambda m: m.group(1) + flipped[m.group(2)], text,
                        count=1, flags=re.M)
        assert edited != text, f"no need's level to flip in {self.facts_file}"
        self.facts_file.write_text(edited, encoding="utf-8")
        return page, lambda status, body: status == 200 and _without_script(body) != before

    def year(self, rep: int, server: Server) -> tuple[str, Shown]:
        text = self.originals[self.source].decode()
        year = str(1990 + rep)
        self.source.write_text(re.sub(r"^year: \d+$", f"year: {year}", text, count=1, flags=re.M), encoding="utf-8")
        return f"it/sources/{self.source.stem}/", lambda status, body: status == 200 and year in body

    def delete(self, rep: int, server: Server) -> tuple[str, Shown]:
        for path in self.debate_files.values():
            path.unlink()
        return f"debates/{self.debate}/", lambda status, body: status == 404

    def add(self, rep: int, server: Server) -> tuple[str, Shown]:
        for path in self.debate_files.values():
            path.write_bytes(self.originals[path])
        return f"nl/debates/{self.debate}/", lambda status, body: status == 200


Shown = Callable[[int, str], bool]
_SCRIPT = re.compile(r"<script>\s*var livereload = function.*?</script>", re.S)


def _without_script(body: str) -> str:
    """A served page without the script the live-reload server puts in (it differs at every rebuild)."""
    return _SCRIPT.sub("", body)


SCENARIOS = ("rename", "description", "level", "year", "delete", "add")


def measure_serve(project: Path, port: int, reps: int) -> dict:
    edits = Edits(project / "content")
    server = Server(project, port)
    runs: dict[str, list[dict]] = {name: [] for name in SCENARIOS}
    try:
        start = time.perf_counter()
        server.wait("the first build", lambda: "Serving on" in server.text())
        initial = time.perf_counter() - start
        log(f"  serve's first build: {initial:.1f} s")
        for rep in range(reps):
            for name in SCENARIOS:
                before, logged = server.reloads(), len(server.text())
                saved = time.perf_counter()
                path, shown = getattr(edits, name)(rep, server)
                served, indexed = server.changed(before, path, shown)
                how = [line.split("guide: ", 1)[1] for line in server.text()[logged:].splitlines() if "guide: " in line]
                runs[name].append({"served": served - saved, "search_indexed": indexed - saved, "log": how})
                log(f"  rep {rep} {name}: served {served - saved:.2f} s, search indexed {indexed - saved:.2f} s: "
                    + " | ".join(how))
        before = server.reloads()
        edits.restore()
        server.wait("the last rebuild", lambda: server.reloads() > before and not server.searches_pending())
        time.sleep(3)
        lines = [line for line in server.text().splitlines() if "guide: " in line]
        errors = [line for line in server.text().splitlines() if "ERROR" in line or "Traceback" in line]
        return {"initial_build": initial, "runs": runs, "site": str(server.site()), "server": server,
                "log": lines[-40:], "errors": errors[:20]}
    except BaseException:
        server.stop()
        raise


_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, as tests/test_serve.py compares them: the sitemap without its dates."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "sitemap.xml.gz":
                data = gzip.decompress(data)
            files[path.relative_to(folder).as_posix()] = _LASTMOD.sub(b"", data) if path.name.startswith(
                "sitemap.xml") else data
    return files


def compare_with_fresh_build(served: Path, content: Path, port: int, work: Path) -> list[str]:
    """The files that differ between the served site and a fresh strict build of a copy of the content (with
    its files' times, which the status pages show), built for the server's address."""
    shutil.rmtree(work, ignore_errors=True)
    project = make_project(work, content)
    full_build(project, port)
    fresh, served_files = site_files(project / "site"), site_files(served)
    return sorted(path for path in served_files.keys() | fresh.keys() if served_files.get(path) != fresh.get(path))


def measure_check(project: Path, reps: int) -> dict:
    """`python -m guide check` in the project after one edit: with its cache (warm: the cache holds the content
    before the edit) and without (--no-cache)."""
    edits = Edits(project / "content")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def check(*arguments: str) -> float:
        start = time.perf_counter()
        result = subprocess.run([PYTHON, "-m", "guide", "check", *arguments], cwd=project, env=env,
                                capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"guide check failed:\n{result.stderr[-2000:]}")
        return seconds

    shutil.rmtree(project / ".cache", ignore_errors=True)
    first_run = check()
    warm, cold, unchanged = [], [], []
    try:
        for rep in range(reps):
            edits.description(rep + 10)
            warm.append(check())
            unchanged.append(check())
            cold.append(check("--no-cache"))
    finally:
        edits.restore()
    return {"first_run_with_empty_cache": first_run, "warm_after_one_edit": warm, "warm_unchanged": unchanged,
            "cold": cold}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def bench_content(label: str, content: Path, work: Path, reps: int, full_builds: int, compare: bool) -> dict:
    shutil.rmtree(work / f"project-{label}", ignore_errors=True)
    project = make_project(work / f"project-{label}", content)
    port = free_port()
    log(f"{label}: full strict build x{full_builds}")
    builds = [full_build(project, port) for _ in range(full_builds)]
    log(f"{label}: full strict build {', '.join(f'{s:.1f}' for s in builds)} s")
    shutil.rmtree(project / "site", ignore_errors=True)
    log(f"{label}: guide check")
    check = measure_check(project, reps)
    log(f"{label}: guide check after one edit: warm {median(check['warm_after_one_edit']):.2f} s, "
        f"cold {median(check['cold']):.2f} s")
    log(f"{label}: mkdocs serve")
    serve = measure_serve(project, port, reps)
    server = serve.pop("server")
    try:
        if compare:
            differing = compare_with_fresh_build(server.site(), project / "content", port, work / f"fresh-{label}")
            serve["differing_from_a_fresh_build"] = differing
            log(f"{label}: served site vs a fresh strict build: {len(differing)} files differ {differing[:5]}")
    finally:
        server.stop()
    serve.pop("site")
    entities = sum(1 for _ in (content / "facts").rglob("*.yaml"))
    return {"label": label, "entities": entities, "full_build": builds, "check": check, "serve": serve}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["real", "1000"], help="'real' and/or entities per kind")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--full-builds", type=int, default=None, help="default: 3 for the real content, else 1")
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    work = arguments.work or Path(tempfile.mkdtemp(prefix="guide-editor-loop-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {"date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"), "machine": machine(),
               "command": " ".join(["bench/editor_loop.py", *sys.argv[1:]]), "contents": []}
    started = time.perf_counter()
    try:
        for size in arguments.sizes:
            if size == "real":
                content = REPO / "content"
            else:
                content = work / f"content-{size}"
                if not content.is_dir():
                    log(f"{size} per kind: generating content")
                    synth.generate(content, int(size))
            full_builds = arguments.full_builds or (3 if size == "real" else 1)
            results["contents"].append(bench_content(size, content, work, arguments.reps, full_builds,
                                                     not arguments.no_compare))
            results["seconds"] = time.perf_counter() - started
            arguments.out.parent.mkdir(parents=True, exist_ok=True)
            arguments.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    finally:
        if arguments.work is None:
            shutil.rmtree(work, ignore_errors=True)
    from report import editor_loop_section, replace_section

    replace_section(BENCH / "REPORT.md", editor_loop_section(results))
    print("\n".join(editor_loop_section(results)))


if __name__ == "__main__":
    main()
