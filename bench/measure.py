"""Measurements that run in a process of their own (so peak memory is the build's alone).

    python bench/measure.py build PROJECT OUT.json [PROFILE.prof]
        An ordinary `mkdocs build` of PROJECT (its mkdocs.yml, strict as configured), timing every event
        of the project's hooks and the phases of guide.site.generate; writes OUT.json.
    python bench/measure.py validate CONTENT OUT.json
        Load + validate + graph of a content folder, and its parts: YAML reading alone, the models alone,
        the graph alone; writes OUT.json.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _peak_rss_children_bytes() -> int:
    """The largest peak of a child process (the hooks' forked render workers), 0 if there was none."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def measure_build(project: Path, out: Path, profile: Path | None) -> None:
    os.chdir(project)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, str(project))
    hook_seconds: dict[str, float] = defaultdict(float)
    guide_seconds: dict[str, float] = defaultdict(float)

    def timed(table: dict, key: str, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                table[key] += time.perf_counter() - start
        wrapper.mkdocs_priority = getattr(function, "mkdocs_priority", 0)
        return wrapper

    from mkdocs import plugins

    register = plugins.PluginCollection._register_event

    def register_timed(self, event_name, method, plugin_name=None):
        if plugin_name and plugin_name.startswith("hooks") and callable(method) \
                and not isinstance(method, plugins.CombinedEvent):
            method = timed(hook_seconds, event_name, method)
        return register(self, event_name, method, plugin_name=plugin_name)

    plugins.PluginCollection._register_event = register_timed
    if (project / "guide").exists():
        import guide.site as site  # the same module the hooks import (the project's guide/)
        for name in ("load_content", "build_graph", "status_pages", "write_languages"):
            setattr(site, name, timed(guide_seconds, name, getattr(site, name)))
        import guide.search as search  # before the hooks import it from there
        search.index_site = timed(guide_seconds, "index_site", search.index_site)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    profiler = None
    if profile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    out.write_text(json.dumps({"build_seconds": seconds, "hook_seconds": hook_seconds,
                               "guide_seconds": guide_seconds, "peak_rss_bytes": _peak_rss_bytes(),
                               "peak_rss_children_bytes": _peak_rss_children_bytes()}, indent=1))


def measure_validation(content: Path, out: Path) -> None:
    from guide.content.graph import build_graph
    from guide.content.loading import _content_files, cyclic_gc_paused, load_content
    from guide.content.model import FACTS, KIND_BY_FOLDER
    from guide.content.yamlfile import read_yaml

    with cyclic_gc_paused():  # as a build and `python -m guide check` read content
        root = content.parent
        start = time.perf_counter()
        loaded = load_content(content, root)
        load_seconds = time.perf_counter() - start
        start = time.perf_counter()
        graph = build_graph(loaded)
        graph_seconds = time.perf_counter() - start
        entities = graph.count()

        paths = _content_files(content, root, [])
        start = time.perf_counter()
        documents = [(found, read_yaml(Path(found.path), found.shown)[0]) for found in paths]
        yaml_seconds = time.perf_counter() - start
        start = time.perf_counter()
        for found, document in documents:
            kind = KIND_BY_FOLDER[found.folder]
            (kind.facts if found.area == FACTS else kind.text).model_validate(document.data)
        model_seconds = time.perf_counter() - start
    out.write_text(json.dumps({
        "entities": entities, "files": len(paths),
        "load_seconds": load_seconds, "graph_seconds": graph_seconds,
        "yaml_seconds": yaml_seconds, "model_seconds": model_seconds,
        "peak_rss_bytes": _peak_rss_bytes()}, indent=1))


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "build":
        measure_build(Path(arguments[0]).resolve(), Path(arguments[1]).resolve(),
                      Path(arguments[2]).resolve() if len(arguments) > 2 else None)
    elif command == "validate":
        measure_validation(Path(arguments[0]).resolve(), Path(arguments[1]).resolve())
    else:
        sys.exit(__doc__)
