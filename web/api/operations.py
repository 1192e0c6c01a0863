"""The API's operations, declared once: the route, the OpenAPI entry and the checks all come
from the same declaration, so the contract cannot drift from the code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Blueprint, Response, json, request
from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from matching.decisions.lifecycle import LifecycleError
from matching.people.scoping import NotOwned
from matching.people.validation import InvalidRecord, from_validation_error
from web.api.bodies import BodySpec, read_body
from web.api.caller import Caller, identify
from web.api.idempotency import replay_or_run
from web.api.problems import ApiProblem, FieldCode, ProblemCode, from_lifecycle
from web.database import db_session

MAX_ID = 2_147_483_647
CURSOR = "The cursor: next_cursor of the page before (0 for the first page)."
RULE_PARAM = re.compile(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>")


@dataclass(frozen=True)
class Answer:
    """What a view returns: a status and a typed body."""

    status: int
    body: BaseModel


@dataclass
class Operation:
    """One operation of the API as the OpenAPI document describes it."""

    method: str
    rule: str
    operation_id: str
    summary: str
    tag: str
    response: type[BaseModel]
    status: int = 200
    query: type[BaseModel] | None = None
    body: BodySpec | None = None
    write: bool = False
    municipality_only: bool = False
    idempotent: bool = False
    conflicts: bool = False
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The OpenAPI path: ``<int:person_id>`` becomes ``{person_id}``."""
        return RULE_PARAM.sub(r"{\1}", self.rule)

    @property
    def path_params(self) -> list[str]:
        """The names of the path's parameters."""
        return RULE_PARAM.findall(self.rule)


OPERATIONS: list[Operation] = []
View = Callable[..., Answer]


def _query(model: type[BaseModel] | None) -> BaseModel | None:
    """The query string read into its model, or 422 naming each refused parameter."""
    if model is None:
        return None
    args = {key: value for key, value in request.args.items() if key in model.model_fields}
    if any("\x00" in value for value in args.values()):
        raise ApiProblem.field("query", FieldCode.NUL_CHARACTER, "contains a NUL character")
    try:
        return model.model_validate(args)
    except ValidationError as exc:
        raise ApiProblem.from_invalid(from_validation_error(exc)) from None


def _json(answer: Answer) -> Response:
    """A typed answer as a JSON response."""
    body = json.dumps(answer.body.model_dump(mode="json"))
    return Response(body, status=answer.status, mimetype="application/json")


def _check_access(op: Operation, caller: Caller) -> None:
    """403 for a write with a read token, or a municipality operation with a partner's."""
    if op.write and not caller.can_write:
        raise ApiProblem(403, ProblemCode.READ_ONLY_TOKEN, "This token may only read.")
    if op.municipality_only and caller.organisation_id is not None:
        raise ApiProblem(
            403, ProblemCode.MUNICIPALITY_ONLY, "Only a municipality's token may do this."
        )


def _handle(op: Operation, view: View, path_args: dict[str, Any]) -> Response:
    """Check the caller, read the request, run the view, commit: all or nothing."""
    session: Session = db_session()
    caller = identify(session)
    if any(isinstance(v, int) and v > MAX_ID for v in path_args.values()):
        raise ApiProblem(404, ProblemCode.NOT_FOUND, "No such record.")  # no id is this large
    _check_access(op, caller)
    query = _query(op.query)
    body = read_body(op.body) if op.body is not None else None

    def run() -> Answer:
        try:
            return view(caller, session, query=query, body=body, **path_args)
        except InvalidRecord as exc:
            raise ApiProblem.from_invalid(exc) from None
        except NotOwned:
            raise ApiProblem(404, ProblemCode.NOT_FOUND, "No such record for this token.") from None
        except LifecycleError as exc:
            raise from_lifecycle(exc) from None

    if op.idempotent:
        status, payload, replayed = replay_or_run(session, caller, body, run)
        response = Response(json.dumps(payload), status=status, mimetype="application/json")
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response
    answer = run()
    if op.write:
        session.commit()
    return _json(answer)


def operation(blueprint: Blueprint, method: str, rule: str, **spec: Any) -> Callable[[View], View]:
    """Declare a view as an API operation: routed, documented and checked the same way."""

    def decorate(view: View) -> View:
        op = Operation(method=method, rule=rule, operation_id=view.__name__, **spec)
        if not op.summary:
            raise ValueError(f"{view.__name__}: an operation needs a summary")
        OPERATIONS.append(op)

        @wraps(view)
        def endpoint(**path_args: Any) -> Response:
            try:
                return _handle(op, view, path_args)
            except ApiProblem as problem:
                db_session().rollback()
                return problem.response()

        blueprint.add_url_rule(rule, view.__name__, endpoint, methods=[method])
        return view

    return decorate
