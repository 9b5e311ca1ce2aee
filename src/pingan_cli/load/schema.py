"""The JSON Schema of the data format, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from .models import DataFile


def json_schema() -> str:
    """The schema as indented JSON text; each part is named as the data format names it."""
    schema = _named_by_title(DataFile.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "pingan dataset"
    return json.dumps(schema, ensure_ascii=False, indent=2)


def _named_by_title(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each definition keyed by its title (Region, not the class RegionEntry)."""
    renamed = {
        key: definition.get("title", key) for key, definition in schema.get("$defs", {}).items()
    }
    text = json.dumps(schema)
    for key, title in renamed.items():
        text = text.replace(f'"#/$defs/{key}"', f'"#/$defs/{title}"')
    named: dict[str, Any] = json.loads(text)
    named["$defs"] = {renamed[k]: v for k, v in named.get("$defs", {}).items()}
    return named
