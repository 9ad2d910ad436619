"""JSON Schemas of the content files, generated from the content model so that YAML editors can
autocomplete fields and flag mistakes while typing. `python -m guide schema` writes them; a test
checks that the committed files match the model."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content.model import FACTS, GUIDE_FILE, KINDS, GuideFacts
from ..languages import LANGUAGES

SCHEMA_FOLDER = "schemas"
EDITOR_SETTINGS = Path(".vscode") / "settings.json"
GUIDE_SCHEMA = "guide.json"


def schema_name(kind: str, area: str) -> str:
    """The schema file for a kind's facts file (area 'facts') or its text files (any language)."""
    return f"{kind}.{'facts' if area == FACTS else 'text'}.json"


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **{
        key: value for key, value in schema.items() if key != "title"}}


def schema_files() -> dict[str, str]:
    """Every schema, keyed by its file name, as the exact text written to schemas/."""
    files = {}
    for kind in KINDS.values():
        for area, model, what in ((FACTS, kind.facts, "facts"), (LANGUAGES[0], kind.text, "text in one language")):
            folder = FACTS if area == FACTS else "<lang>"
            title = f"The {what} of a {kind.name} (content/{folder}/{kind.folder}/<id>.yaml)"
            files[schema_name(kind.name, area)] = _json(_schema(model, title))
    files[GUIDE_SCHEMA] = _json(_schema(GuideFacts, f"The guide as a whole (content/{GUIDE_FILE})"))
    return files


def _json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def editor_mapping() -> dict[str, list[str]]:
    """The yaml-language-server setting "yaml.schemas": schema file -> the content files it describes."""
    mapping = {}
    for kind in KINDS.values():
        mapping[f"{SCHEMA_FOLDER}/{schema_name(kind.name, FACTS)}"] = [f"content/{FACTS}/{kind.folder}/*.yaml"]
        mapping[f"{SCHEMA_FOLDER}/{schema_name(kind.name, LANGUAGES[0])}"] = [
            f"content/{language}/{kind.folder}/*.yaml" for language in LANGUAGES]
    mapping[f"{SCHEMA_FOLDER}/{GUIDE_SCHEMA}"] = [f"content/{GUIDE_FILE}"]
    return mapping


def _wanted(project: Path) -> dict[str, str]:
    """Relative path -> exact text of every generated file; the editor settings keep their other keys."""
    wanted = {f"{SCHEMA_FOLDER}/{name}": text for name, text in schema_files().items()}
    settings = json.loads(_read(project / EDITOR_SETTINGS) or "{}")
    settings["yaml.schemas"] = editor_mapping()
    wanted[EDITOR_SETTINGS.as_posix()] = json.dumps(settings, indent=2) + "\n"
    return wanted


def outdated_schemas(project: Path) -> list[str]:
    """The generated files that differ from what the model gives (or should not exist), without writing."""
    wanted = _wanted(project)
    stale = [relative for relative, text in wanted.items() if _read(project / relative) != text]
    return stale + [f"{SCHEMA_FOLDER}/{path.name}" for path in sorted((project / SCHEMA_FOLDER).glob("*.json"))
                    if f"{SCHEMA_FOLDER}/{path.name}" not in wanted]


def write_schemas(project: Path) -> list[str]:
    """Bring schemas/ and the editor mapping up to date; return the files that changed."""
    wanted = _wanted(project)
    changed = outdated_schemas(project)
    for relative in changed:
        path = project / relative
        if relative in wanted:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(wanted[relative], encoding="utf-8")
        else:
            path.unlink()
    return changed


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None
