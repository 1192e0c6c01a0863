"""Request bodies: read as JSON, checked against the declared shape, described in OpenAPI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import request
from pydantic import BaseModel, ValidationError

from matching.people.validation import from_validation_error
from web.api.problems import ApiProblem, FieldCode, FieldProblem, ProblemCode

REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class BodySpec:
    """A body's model and how the API narrows it (fields left out, optional, added).

    With ``raw`` the checked object goes to the domain as it is, which validates it exactly as
    for the forms and the CSV import; otherwise the model itself validates it."""

    model: type[BaseModel]
    name: str
    partial: bool = False
    drop: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)
    raw: bool = False

    def schema(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The body's JSON schema and the definitions it refers to."""
        found = self.model.model_json_schema(ref_template=REF, mode="validation")
        definitions = found.pop("$defs", {})
        properties = {k: v for k, v in found.get("properties", {}).items() if k not in self.drop}
        properties.update(self.extra)
        required = [
            name
            for name in found.get("required", [])
            if name in properties and name not in self.optional and not self.partial
        ]
        schema: dict[str, Any] = {
            "title": self.name,
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if found.get("description"):
            schema["description"] = found["description"]
        if required:
            schema["required"] = required
        return schema, definitions

    @property
    def fields(self) -> set[str]:
        """The names a body may carry."""
        return (set(self.model.model_fields) - set(self.drop)) | set(self.extra)


def _has_nul(value: Any) -> bool:
    """Whether any text inside the value holds a NUL character (no database stores one)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _json_object() -> dict[str, Any]:
    """The request's JSON object, or 400/422 saying what is wrong with it."""
    if not request.get_data(cache=True):
        return {}
    if not request.is_json:
        raise ApiProblem(400, ProblemCode.BAD_REQUEST, "Send the body as application/json.")
    data = request.get_json(silent=True)
    if data is None:
        raise ApiProblem(400, ProblemCode.BAD_REQUEST, "The body is not valid JSON.")
    if not isinstance(data, dict):
        raise ApiProblem.field("body", "not_an_object", "the body must be a JSON object")
    if _has_nul(data):
        raise ApiProblem.field("body", FieldCode.NUL_CHARACTER, "contains a NUL character")
    return data


def read_body(spec: BodySpec) -> Any:
    """The checked body: a dict for raw bodies, else an instance of the spec's model."""
    data = _json_object()
    unknown = sorted(set(data) - spec.fields)
    if unknown:
        errors = [
            FieldProblem(field=name, code=FieldCode.UNKNOWN_FIELD, message="is not a field here")
            for name in unknown
        ]
        raise ApiProblem(422, ProblemCode.INVALID, "The body has unknown fields.", errors)
    if spec.raw:
        return data
    try:
        return spec.model.model_validate(data)
    except ValidationError as exc:
        raise ApiProblem.from_invalid(from_validation_error(exc)) from None
