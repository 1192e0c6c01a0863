"""Every code and every vocabulary value has a label, translated in nl and en (issue 10)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import pytest
from babel.messages.pofile import read_po
from flask_babel import LazyString

from matching import vocab
from solver.status import SolveStatus
from web import labels, messages
from web.coordinator import labels as coordinator_labels
from web.i18n import TRANSLATIONS
from web.portal import labels as portal_labels
from web.volunteer import labels as volunteer_labels

# Each vocabulary of the domain and the words the interface shows for it.
VOCABULARY_LABELS: dict[type[StrEnum], Mapping[str, LazyString]] = {
    vocab.Role: labels.ROLE_LABELS,
    vocab.OrganisationKind: labels.ORGANISATION_KIND_LABELS,
    vocab.VolunteerKind: labels.VOLUNTEER_KIND_LABELS,
    vocab.Gender: portal_labels.GENDER_LABELS,
    vocab.GenderWish: portal_labels.WISH_LABELS,
    vocab.FamilyStatus: labels.FAMILY_STATUS_LABELS,
    vocab.ProposalStatus: coordinator_labels.PROPOSAL_STATUS_LABELS,
    vocab.ProposalKind: labels.PROPOSAL_KIND_LABELS,
    vocab.RunStatus: coordinator_labels.RUN_STATUS_LABELS,
    vocab.RunTrigger: coordinator_labels.TRIGGER_LABELS,
    vocab.MatchStatus: labels.MATCH_STATUS_LABELS,
    vocab.PlacementStatus: labels.PLACEMENT_STATUS_LABELS,
    vocab.PlacementStage: portal_labels.PLACEMENT_STATUS_LABELS,
    vocab.EndReason: portal_labels.END_REASON_LABELS,
    vocab.OutboxStatus: coordinator_labels.MAIL_STATUS_LABELS,
    vocab.ActivityFilter: coordinator_labels.STATUS_LABELS,
    vocab.AuditEntity: coordinator_labels.ENTITY_LABELS,
    vocab.AuditAction: coordinator_labels.ACTION_LABELS,
    vocab.ScenarioStatus: coordinator_labels.SCENARIO_STATUS_LABELS,
    vocab.ChangeKind: coordinator_labels.CHANGE_KIND_LABELS,
    vocab.OfferStatus: volunteer_labels.OFFER_STATUS_LABELS,
    vocab.DeclineReason: volunteer_labels.DECLINE_REASON_LABELS,
    vocab.StartStage: volunteer_labels.START_STAGE_LABELS,
    vocab.PlacementAnswer: portal_labels.PLACEMENT_ANSWER_LABELS,
    vocab.PlacementDeclineReason: portal_labels.DECLINE_REASON_LABELS,
    vocab.NoticeKind: portal_labels.NOTICE_KIND_LABELS,
    SolveStatus: labels.SOLVE_STATUS_LABELS,
}
TABLES = [*VOCABULARY_LABELS.items(), *messages.CODE_TABLES]


def _catalogue(locale: str) -> dict[str, str]:
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return {m.id: m.string for m in read_po(source) if isinstance(m.id, str) and m.string}


def test_every_vocabulary_has_its_labels() -> None:
    """A new vocabulary enum cannot be added without a table of words for it here."""
    assert set(vocab.enums().values()) | {SolveStatus} == set(VOCABULARY_LABELS)


@pytest.mark.parametrize(
    ("codes", "table"), TABLES, ids=lambda value: getattr(value, "__name__", "")
)
def test_every_code_has_a_label(codes: type[StrEnum], table: Mapping[str, LazyString]) -> None:
    """Each member of the vocabulary or code enum has a label."""
    missing = [member.value for member in codes if member not in table]
    assert missing == [], f"{codes.__name__} without a label: {missing}"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_label_is_translated(locale: str) -> None:
    """Every label of every table is in the catalogue of each language."""
    catalogue = _catalogue(locale)
    missing = sorted(
        {
            table[member]._args[0]
            for codes, table in TABLES
            for member in codes
            if member in table and table[member]._args[0] not in catalogue
        }
    )
    assert missing == []


def test_pydantic_codes_are_labelled_by_type_not_text() -> None:
    """A refused field is labelled by pydantic's error type even when its English differs."""
    from matching.models import Volunteer
    from matching.people.records import validated
    from matching.people.validation import InvalidRecord

    with pytest.raises(InvalidRecord) as refused:
        validated(
            Volunteer,
            {
                "name": "x" * 200,
                "organisation_id": 1,
                "languages": ["nl"],
                "postcode": "3526",
                "capacity": "many",
            },
        )
    codes = {error.field: error.code for error in refused.value.errors}
    assert codes == {"name": "string_too_long", "capacity": "int_parsing"}
    assert all(code in messages.FIELD_LABELS for code in codes.values())
