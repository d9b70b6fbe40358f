"""A source's metadata: the corpus's sources.yaml, a file's own YAML front matter, and how the two combine."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import CorpusError
from assistant.records import SourceMeta

METADATA_FILE = "sources.yaml"
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


def read_metadata(path: Path) -> dict[str, dict[str, Any]]:
    """sources.yaml: {relative path: {title, author, date, kind, audience, url, label, evidence_base}}."""
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CorpusError(f"{path} must map each file name to its fields")
    return data


def body_start(text: str) -> int:
    """Offset where the text begins after any YAML front matter."""
    m = _FRONT_MATTER.match(text)
    return m.end() if m else 0


def front_matter(text: str) -> tuple[dict[str, Any], bool]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, False
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        return {}, True
    return (data if isinstance(data, dict) else {}), True


def merged_meta(given: dict[str, Any], front: dict[str, Any], path: Path) -> SourceMeta:
    """sources.yaml wins, then front matter, then "not stated" (title falls back to a label from the name)."""
    names = {f.name for f in fields(SourceMeta)}
    values: dict[str, str] = {}
    for key in ("title", "date", "author", "url"):
        if front.get(key):
            values[key] = str(front[key])
    if "date" in values:
        values["date"] = values["date"][:10]
    values.update({k: str(v) for k, v in given.items() if k in names and v is not None})
    if "label" not in values:
        values["label"] = path.stem.replace("_", " ").replace("-", " ")
    return SourceMeta(**values)
