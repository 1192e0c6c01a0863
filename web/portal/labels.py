"""Words for the codes the portals show, in the user's language."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching.vocab import (
    EndReason,
    Gender,
    GenderWish,
    NoticeKind,
    PlacementAnswer,
    PlacementDeclineReason,
    PlacementStage,
)

GENDER_LABELS: dict[str, LazyString] = {
    Gender.FEMALE: _l("Woman"),
    Gender.MALE: _l("Man"),
    Gender.OTHER: _l("Other"),
    Gender.UNKNOWN: _l("Not given"),
}
WISH_LABELS: dict[str, LazyString] = {
    GenderWish.ANY: _l("No preference"),
    GenderWish.FEMALE: _l("A woman"),
    GenderWish.MALE: _l("A man"),
}
END_REASON_LABELS: dict[str, LazyString] = {
    EndReason.COMPLETED: _l("Birth and period completed"),
    EndReason.MOVED: _l("Family moved away"),
    EndReason.FAMILY_STOPPED: _l("The mother stopped"),
    EndReason.BUDDY_STOPPED: _l("The buddy stopped"),
    EndReason.NO_CLICK: _l("No click: a new buddy is needed"),
    EndReason.OTHER: _l("Other reason (note it below)"),
    EndReason.REPAIRED: _l("Replaced after a rule broke"),
    EndReason.REPLACED: _l("Replaced by a new placement"),
    EndReason.DECLINED: _l("The volunteer declined the offer"),
    EndReason.OFFER_EXPIRED: _l("The offer was not answered in time"),
    EndReason.NOT_STARTED: _l("It never started"),
}
PLACEMENT_STATUS_LABELS: dict[str, LazyString] = {
    PlacementStage.CONFIRMED: _l("Confirmed"),
    PlacementStage.PROPOSED: _l("Proposed"),
}
# The hard rules in the funnel's words: "3 volunteers … live too far away".
RULE_LABELS: dict[str, LazyString] = {
    "organisation": _l("belong to another organisation"),
    "distance": _l("live beyond their travel distance"),
    "language": _l("share no language"),
    "half_days": _l("have too few half-days in common"),
    "vog": _l("have no valid certificate of conduct (VOG)"),
    "gender_wish": _l("do not meet the wish on gender"),
    "rejected_before": _l("were rejected before"),
    "inactive": _l("are no longer active"),
}
# The hard rules as nouns: "no longer meets the rule on travel distance".
BROKEN_RULE_LABELS: dict[str, LazyString] = {
    "organisation": _l("organisation"),
    "distance": _l("travel distance"),
    "language": _l("language"),
    "half_days": _l("common half-days"),
    "vog": _l("certificate of conduct (VOG)"),
    "gender_wish": _l("gender wish"),
    "rejected_before": _l("an earlier rejection"),
    "inactive": _l("being active"),
}
SCORE_PART_LABELS: dict[str, LazyString] = {
    "distance": _l("Distance"),
    "half_days": _l("Common half-days"),
    "first_language": _l("First language"),
    "experience": _l("Lived experience"),
    "district": _l("Preferred district"),
    "continuity": _l("Already together"),
}
WEEKDAY_LABELS: dict[str, LazyString] = {
    "mon": _l("Monday"),
    "tue": _l("Tuesday"),
    "wed": _l("Wednesday"),
    "thu": _l("Thursday"),
    "fri": _l("Friday"),
}


def end_reason_text(code: str | None, note: str | None = None) -> str:
    """An end reason in words, with its note."""
    found = END_REASON_LABELS.get(code or "")
    words = str(found) if found is not None else (code or "")
    return ": ".join(part for part in (words, note) if part) or "–"


def portal_labels() -> dict[str, object]:
    """The portals' word lists as template globals (a blueprint context processor)."""
    return {
        "GENDER_LABELS": GENDER_LABELS,
        "WISH_LABELS": WISH_LABELS,
        "END_REASON_LABELS": END_REASON_LABELS,
        "PLACEMENT_STATUS_LABELS": PLACEMENT_STATUS_LABELS,
        "RULE_LABELS": RULE_LABELS,
        "BROKEN_RULE_LABELS": BROKEN_RULE_LABELS,
        "SCORE_PART_LABELS": SCORE_PART_LABELS,
        "WEEKDAY_LABELS": WEEKDAY_LABELS,
        "end_reason_text": end_reason_text,
    }


# The student's answer to an approved placement and their reasons to decline.
PLACEMENT_ANSWER_LABELS: dict[str, LazyString] = {
    PlacementAnswer.PENDING: _l("Waiting for the student's answer"),
    PlacementAnswer.CONFIRMED: _l("Confirmed by the student"),
    PlacementAnswer.DECLINED: _l("Declined by the student"),
    PlacementAnswer.EXPIRED: _l("Not answered in time"),
}
DECLINE_REASON_LABELS: dict[str, LazyString] = {
    PlacementDeclineReason.TOO_FAR: _l("It is too far away"),
    PlacementDeclineReason.HALF_DAYS: _l("The half-days no longer fit my timetable"),
    PlacementDeclineReason.OTHER_PLACEMENT: _l("I found a placement elsewhere"),
    PlacementDeclineReason.STOPPED: _l("I stopped or postponed my studies"),
    PlacementDeclineReason.OTHER: _l("Another reason (say which below)"),
}
# The reminders a person can turn off, as the settings page names them.
NOTICE_KIND_LABELS: dict[str, LazyString] = {
    NoticeKind.OFFER_WAITING: _l("An offer still waits for my answer"),
    NoticeKind.VOG_EXPIRING: _l("A VOG ends within six weeks"),
    NoticeKind.CHECK_IN_OVERDUE: _l("A trajectory has had no check-in for weeks"),
    NoticeKind.PLACEMENT_STARTING: _l("My placement starts next week"),
    NoticeKind.TRAJECTORY_ENDING: _l("A trajectory's expected end is near"),
    NoticeKind.RUN_SUMMARY: _l("Summary after each matching run"),
    NoticeKind.PLACEMENT_ANSWER: _l("My placement still waits for my answer"),
}
