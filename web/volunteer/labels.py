"""Words for the volunteer loop's codes: an offer's status, decline reasons, the start."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching.vocab import DeclineReason, OfferStatus, StartStage

OFFER_STATUS_LABELS: dict[str, LazyString] = {
    OfferStatus.OPEN: _l("Waiting for your answer"),
    OfferStatus.ACCEPTED: _l("Accepted"),
    OfferStatus.DECLINED: _l("Declined"),
    OfferStatus.EXPIRED: _l("Expired: not answered in time"),
}
DECLINE_REASON_LABELS: dict[str, LazyString] = {
    DeclineReason.NO_TIME: _l("I do not have the time now"),
    DeclineReason.TOO_FAR: _l("It is too far for me"),
    DeclineReason.NOT_A_GOOD_FIT: _l("I do not think we are a good fit"),
    DeclineReason.PERSONAL: _l("Personal reasons"),
    DeclineReason.OTHER: _l("Another reason"),
}
START_STAGE_LABELS: dict[str, LazyString] = {
    StartStage.WAITING: _l("Waiting for the first meeting"),
    StartStage.STARTED: _l("Started"),
    StartStage.NOT_STARTED: _l("Did not start"),
}


def volunteer_labels() -> dict[str, object]:
    """The volunteer loop's word lists as template globals (a blueprint context processor)."""
    return {
        "OFFER_STATUS_LABELS": OFFER_STATUS_LABELS,
        "DECLINE_REASON_LABELS": DECLINE_REASON_LABELS,
        "START_STAGE_LABELS": START_STAGE_LABELS,
    }
