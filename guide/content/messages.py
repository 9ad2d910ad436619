"""Turn a model's validation errors into messages an editor can act on."""
from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .problems import Problem
from .yamlfile import KeyPath, YamlDocument

_PATTERN_ADVICE = {
    "url": "must be an address starting with http:// or https://",
    "esco": "must be an ESCO occupation URI, like http://data.europa.eu/esco/occupation/<uuid>",
    "isco08": "must be an ISCO-08 code of 1 to 4 digits, written as text in quotes, like \"1221\"",
    "onet_soc": "must be an O*NET-SOC code written as text, like \"11-2021.00\"",
}


def no_evidence(place: KeyPath) -> str:
    """For a relation (or a debate position) that cites no claim."""
    what = "position" if "positions" in place else "relation"
    return (f"this {what} cites no evidence: add 'evidence: [<source id>/<claim id>]' naming the claim whose "
            f"quote says it (add that claim to the source if it has none), or remove the {what}")


def model_problems(model: type[BaseModel], document: YamlDocument, error: ValidationError) -> list[Problem]:
    """One problem per wrong value, located at the value's line, with what to do about it."""
    by_place: dict[KeyPath, list[ErrorDetails]] = {}
    for detail in error.errors(include_url=False):
        by_place.setdefault(_place_in_data(document.data, detail["loc"]), []).append(detail)
    for place in [place for place in by_place if place[-1:] == ("sources",)]:
        by_place.pop(place[:-1] + ("evidence",), None)  # written the old way: one message says how to change it
    problems = []
    for place, details in by_place.items():
        if len(details) > 1:  # a value that fits none of several allowed shapes
            field = _field_name(place)
            expected = _field_description(model, place) or details[0]["msg"]
            message = f"'{field}' has the wrong form; expected: {expected[0].lower()}{expected[1:]}"
        else:
            message = _message(model, place, details[0])
        about_the_name = details[0]["type"] == "extra_forbidden" or details[0]["loc"][-1:] == ("[key]",)
        problems.append(document.problem(place, message, at_key=about_the_name))
    return problems


def suggestion(word: object, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def describe_type(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (fields)"
    return f"the text '{value}'"


def _message(model: type[BaseModel], place: KeyPath, detail: ErrorDetails) -> str:
    kind, value, ctx = detail["type"], detail.get("input"), detail.get("ctx") or {}
    field = _field_name(place)
    if detail["loc"] and detail["loc"][-1] == "[key]":
        return f"'{value}' is not a valid id for an entry of '{_field_name(place[:-1])}': {_slug_advice(value)}"
    if kind == "missing":
        if field == "evidence":
            return no_evidence(place)
        return f"missing field '{field}': add '{field}: ...' ({_field_description(model, place)})"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, place[:-1])
        if field == "evidence" and "holds" in allowed:
            return ("say for each claim what its article does with the position: rename 'evidence' to 'holds' "
                    "(it argues for it), 'reports' (it tells of it without taking it up) or 'rejects' (it argues "
                    "against it), splitting the list where the articles differ")
        if field == "sources" and "evidence" in allowed:
            return ("relations cite claims, not sources: replace 'sources' by 'evidence: [<source id>/<claim "
                    "id>]', naming the claim whose quote says it")
        return (f"unknown field '{field}'{suggestion(field, allowed)}: remove or rename it; "
                f"allowed here: {', '.join(allowed)}")
    if kind == "too_short" and field == "evidence":
        return no_evidence(place)
    if kind == "too_short":
        return f"'{field}' needs at least {ctx.get('min_length')} item(s)"
    if kind == "string_too_short":
        return f"'{field}' is empty: write its text"
    if kind == "string_pattern_mismatch":
        if field in _PATTERN_ADVICE:
            return f"'{field}' {_PATTERN_ADVICE[field]}, not '{value}'"
        if field == "evidence":
            return (f"'{value}' is not a claim reference: write <source id>/<claim id>, e.g. "
                    "what-is-a-good-e-commerce-manager/sales-driven")
        return f"'{value}' is not a valid id: {_slug_advice(value)}"
    if kind == "literal_error":
        return (f"'{field}' must be one of {ctx.get('expected')}, not {describe_type(value)}"
                f"{suggestion(value, re.findall(r'[a-z_]+', ctx.get('expected', '')))}")
    if kind == "string_type":
        return f"'{field}' must be text, not {describe_type(value)}"
    if kind == "list_type":
        return f"'{field}' must be a list (lines starting with '- ', or [a, b]), not {describe_type(value)}"
    if kind in ("model_type", "dict_type"):
        return f"'{field}' must be a mapping of fields (name: value), not {describe_type(value)}"
    if kind == "value_error":
        if detail["loc"] and isinstance(detail["loc"][-1], int):  # an item's own rule, about the whole item
            return str(ctx.get("error", detail["msg"]))
        return f"'{field}': {ctx.get('error', detail['msg'])}"
    return f"'{field}': {detail['msg']}"


def _slug_advice(value: Any) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    example = f", for example '{slug}'" if slug and slug != value else ""
    return f"ids use only lowercase letters a-z, digits and single hyphens{example}"


def _place_in_data(data: Any, loc: KeyPath) -> KeyPath:
    """The part of an error location that exists in the file (drops union member names, '[key]')."""
    place = []
    for part in loc:
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if (isinstance(data, dict) and part in data) or in_list:
            data = data[part]
        elif isinstance(data, dict) and isinstance(part, str) and part != "[key]":
            place.append(part)  # a missing field: name it
            break
        else:
            break
        place.append(part)
    return tuple(place)


def _field_name(place: KeyPath) -> str:
    names = [part for part in place if isinstance(part, str)]
    return names[-1] if names else "the file"


def _model_at(model: type[BaseModel], place: KeyPath) -> type[BaseModel] | None:
    current: Any = model
    for part in place:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The model class inside list[...], Optional[...], Annotated[...], or the annotation itself."""
    for argument in typing.get_args(annotation) or ():
        inner = _inner_model(argument)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner
    return annotation


def _allowed_fields(model: type[BaseModel], place: KeyPath) -> list[str]:
    owner = _model_at(model, place)
    return list(owner.model_fields) if owner else []


def _field_description(model: type[BaseModel], place: KeyPath) -> str:
    owner = _model_at(model, place[:-1])
    field = owner.model_fields.get(place[-1]) if owner and place else None
    return (field.description or "") if field else ""
