"""OpenAPI documents that describe every error answer as problem+json."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from pydantic.json_schema import models_json_schema

from shared.http.problems import PROBLEM_MEDIA_TYPE, PROBLEM_RESPONSES, Problem

_SCHEMA_REF = "#/components/schemas/{model}"


def _document_problems(schema: dict[str, Any]) -> None:
    """Every error response is problem+json; secured routes document 401, bodies 413."""
    _, definitions = models_json_schema([(Problem, "serialization")], ref_template=_SCHEMA_REF)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(definitions["$defs"])
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            _problem_responses(operation)
    # FastAPI's own 422 models are replaced above; drop them so clients don't generate them.
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)


def _problem_responses(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    if "security" in operation:
        responses.setdefault("401", {"description": PROBLEM_RESPONSES[401]["description"]})
    if "requestBody" in operation:
        responses.setdefault("413", {"description": "The request body is too large."})
    content = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": _SCHEMA_REF.format(model="Problem")}}}
    for code, response in responses.items():
        if code.startswith(("4", "5")):
            response["content"] = content


def openapi_with_problems(app: FastAPI) -> Callable[[], dict[str, Any]]:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _document_problems(generate())
        return generate()  # FastAPI caches the (now amended) schema

    return openapi
