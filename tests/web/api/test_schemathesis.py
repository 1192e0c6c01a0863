"""Schemathesis against the live API, every operation of the served OpenAPI document, with a
read-write and a read-only token: no 5xx, and every answer conforms to the document."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session, select

from matching.db import make_engine
from matching.models import Family, Match, Volunteer
from matching.vocab import VolunteerKind

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 6}


def real_ids(database_url: str) -> dict[str, int]:
    """An id that exists for each path parameter, so the fuzz also reaches real records."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            volunteer = session.exec(
                select(Volunteer).where(Volunteer.kind == VolunteerKind.BUDDY)
            ).first()
            expert = session.exec(
                select(Volunteer).where(Volunteer.kind == VolunteerKind.EXPERIENCE_EXPERT)
            ).first()
            family = session.exec(select(Family)).first()
            match = session.exec(select(Match)).first()
            assert volunteer and expert and family and match
            return {
                "volunteers": volunteer.id or 0,
                "experts": expert.id or 0,
                "families": family.id or 0,
                "matches": match.id or 0,
            }
    finally:
        engine.dispose()


def fuzz(operation: Any, headers: dict[str, str], mode: GenerationMode, **fixed: Any) -> int:
    """Send the operation's generated cases and check each answer; returns how many were sent."""
    sent = []

    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)
        sent.append(case)

    run()
    return len(sent)


def test_every_operation_with_both_tokens(api_app, tokens, database_url):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", api_app)
    ids = real_ids(database_url)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19
    sent = 0
    for token in ("city", "al_amal_read"):
        headers = tokens.headers(token)
        for operation in operations:
            for mode in EXAMPLES:
                sent += fuzz(operation, headers, mode)
            params = [p.name for p in operation.path_parameters]
            kind = operation.path.split("/")[3]
            if params and kind in ids:
                fixed = {"path_parameters": {params[0]: ids[kind]}}
                sent += fuzz(operation, headers, GenerationMode.POSITIVE, **fixed)
    assert sent > 300
