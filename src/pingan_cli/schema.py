"""The JSON Schema of the data format, generated from the models."""

from __future__ import annotations

import json

from .models import Dataset


def json_schema() -> str:
    """The schema as indented JSON text."""
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "pingan dataset"
    return json.dumps(schema, ensure_ascii=False, indent=2)
