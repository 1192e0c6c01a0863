"""RFC 9457 problem details: every API error as ``application/problem+json``."""

from __future__ import annotations

from enum import StrEnum

from flask import Response, json
from pydantic import BaseModel, Field

from matching.decisions.lifecycle import LifecycleError
from matching.errors import LifecycleProblem
from matching.people.validation import FieldError, InvalidRecord

PROBLEM_TYPE = "urn:kansrijk:problem:{code}"
MEDIA_TYPE = "application/problem+json"


class ProblemCode(StrEnum):
    """What went wrong with a request, one code per kind of problem."""

    BAD_REQUEST = "bad_request"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    READ_ONLY_TOKEN = "read_only_token"
    MUNICIPALITY_ONLY = "municipality_only"
    RATE_LIMITED = "rate_limited"
    CONFLICT = "conflict"
    DUPLICATE_EXTERNAL_REFERENCE = "duplicate_external_reference"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    RUN_BUSY = "run_busy"
    SERVER_ERROR = "server_error"


class FieldCode(StrEnum):
    """Codes of refused fields that the API adds to the domain's own."""

    UNKNOWN_FIELD = "unknown_field"
    NUL_CHARACTER = "nul_character"
    UNKNOWN_ORGANISATION = "unknown_organisation"
    OTHER_ORGANISATION = "other_organisation"
    REQUIRED = "required"


class FieldProblem(BaseModel):
    """One refused field: its name, a code and the domain's message (as forms and CSV)."""

    field: str
    code: str
    message: str


class Problem(BaseModel):
    """A problem details object (RFC 9457) with the fields at fault."""

    type: str
    title: str
    status: int = Field(ge=400, le=599)
    detail: str
    code: str
    errors: list[FieldProblem] = Field(default_factory=list)


TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Server error",
}


def field_code(error: FieldError) -> str:
    """The code of a refused field: the domain's own (a FieldProblem, or pydantic's type)."""
    return str(error.code)


class ApiProblem(Exception):
    """An error answered as a problem document."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        errors: list[FieldProblem] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        super().__init__(detail)

    @classmethod
    def from_invalid(cls, error: InvalidRecord) -> ApiProblem:
        """422 naming every refused field, with the same messages as the forms and CSV import."""
        fields = [
            FieldProblem(field=e.field, code=field_code(e), message=e.message) for e in error.errors
        ]
        return cls(422, ProblemCode.INVALID, "The request has refused fields.", fields)

    @classmethod
    def field(cls, name: str, code: str, message: str) -> ApiProblem:
        """422 for one refused field."""
        return cls(
            422,
            ProblemCode.INVALID,
            message,
            [FieldProblem(field=name, code=code, message=message)],
        )

    def response(self) -> Response:
        """The problem as an HTTP response."""
        return problem_response(self.status, self.code, self.detail, self.errors, self.headers)


def problem_response(
    status: int,
    code: str,
    detail: str,
    errors: list[FieldProblem] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem document with its status and headers."""
    problem = Problem(
        type=PROBLEM_TYPE.format(code=code),
        title=TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        code=code,
        errors=errors or [],
    )
    response = Response(json.dumps(problem.model_dump(mode="json")), status=status)
    response.headers["Content-Type"] = MEDIA_TYPE
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


# A refused decision that names a field of the request: 422 for that field, else 409.
LIFECYCLE_FIELDS = {
    LifecycleProblem.REASON_REQUIRED: "reason",
    LifecycleProblem.END_BEFORE_START: "ended_on",
}


def from_lifecycle(error: LifecycleError) -> ApiProblem:
    """A refused decision as a problem document, by the domain's code (never by its wording)."""
    name = LIFECYCLE_FIELDS.get(LifecycleProblem(error.code)) if _known(error.code) else None
    if name is not None:
        return ApiProblem.field(name, str(error.code), str(error))
    return ApiProblem(409, str(error.code), str(error))


def _known(code: str) -> bool:
    """Whether the code is one of the lifecycle's own."""
    return code in {problem.value for problem in LifecycleProblem}


HTTP_CODES = {
    400: ProblemCode.BAD_REQUEST,
    404: ProblemCode.NOT_FOUND,
    405: ProblemCode.METHOD_NOT_ALLOWED,
    500: ProblemCode.SERVER_ERROR,
}


def http_problem(status: int) -> Response:
    """A routing or server error of the API as a problem document."""
    status = status if status in TITLES else 500
    return problem_response(status, HTTP_CODES.get(status, "http_error"), TITLES[status])
