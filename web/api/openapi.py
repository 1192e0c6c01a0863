"""The OpenAPI 3.1 document, built from the declared operations and their pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from web.api.bodies import REF
from web.api.idempotency import HEADER
from web.api.operations import MAX_ID, OPERATIONS, Operation
from web.api.problems import MEDIA_TYPE, TITLES, Problem

PREFIX = "/api/v1"
INFO = {
    "title": "Kansrijk Match API",
    "version": "1.0.0",
    "description": "Volunteers, families, runs, proposals and matches of Kansrijk Match. "
    "Send a token as `Authorization: Bearer …`; errors are RFC 9457 problem details.",
}


def _without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter's schema without its ``null`` branch (a query string has no null)."""
    branches = schema.get("anyOf")
    if not branches:
        return schema
    kept = [branch for branch in branches if branch.get("type") != "null"]
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**rest, **kept[0]} if len(kept) == 1 else {**rest, "anyOf": kept}


def _parameters(op: Operation) -> list[dict[str, Any]]:
    """The path, query and header parameters of an operation."""
    found: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
        }
        for name in op.path_params
    ]
    if op.query is not None:
        schema = op.query.model_json_schema(mode="validation")
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            param = {"name": name, "in": "query", "required": name in required}
            param["schema"] = _without_null(prop)
            if prop.get("description"):
                param["description"] = prop["description"]
            found.append(param)
    if op.idempotent:
        found.append(
            {
                "name": HEADER,
                "in": "header",
                "required": False,
                "description": "A retry with the same key gets the first answer.",
                "schema": {"type": "string", "minLength": 1, "maxLength": 200},
            }
        )
    return found


def _problem(status: int) -> dict[str, Any]:
    """A documented problem response."""
    answer: dict[str, Any] = {
        "description": TITLES[status],
        "content": {MEDIA_TYPE: {"schema": {"$ref": REF.format(model="Problem")}}},
    }
    if status == 429:
        answer["headers"] = {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}}
    if status == 401:
        answer["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    return answer


def _problem_statuses(op: Operation) -> list[int]:
    """The error statuses an operation can answer."""
    statuses = [401, 429]
    if op.body is not None:
        statuses += [400, 422]
    if op.query is not None or op.idempotent:
        statuses.append(422)
    if op.write or op.municipality_only:
        statuses.append(403)
    if op.path_params:
        statuses.append(404)
    if op.conflicts:
        statuses.append(409)
    return sorted(set(statuses))


def _operation(op: Operation, refs: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """One operation's OpenAPI object."""
    responses: dict[str, Any] = {
        str(op.status): {
            "description": "OK" if op.status == 200 else "Created",
            "content": {"application/json": {"schema": refs[op.response]}},
        }
    }
    for status in _problem_statuses(op):
        responses[str(status)] = _problem(status)
    entry: dict[str, Any] = {
        "operationId": op.operation_id,
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": _parameters(op),
        "responses": responses,
    }
    if op.body is not None:
        entry["requestBody"] = {
            "required": not op.body.partial and op.body.name not in OPTIONAL_BODIES,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=op.body.name)}}},
        }
    return entry


OPTIONAL_BODIES = {"RunRequest"}


def build_document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document of every declared operation."""
    models = sorted({op.response for op in OPERATIONS} | {Problem}, key=lambda m: m.__name__)
    keyed, found = models_json_schema([(m, "serialization") for m in models], ref_template=REF)
    refs: dict[Any, dict[str, Any]] = {model: schema for (model, _mode), schema in keyed.items()}
    schemas: dict[str, Any] = dict(found.get("$defs", {}))
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        if op.body is not None:
            body, definitions = op.body.schema()
            schemas.update(definitions)
            schemas[op.body.name] = body
        paths.setdefault(PREFIX + op.path, {})[op.method.lower()] = _operation(op, refs)
    return {
        "openapi": "3.1.0",
        "info": INFO,
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
