"""What a rule yields: one notice due to one user, about one event, pointing at one page."""

from __future__ import annotations

from dataclasses import dataclass, field

from matching.models import User
from matching.notices.links import NoticePage
from matching.vocab import NoticeKind


@dataclass(frozen=True)
class Due:
    """A notice due now: the kind, the event's stable key, the recipient, the page, the words.

    ``params`` are what the mail's line about this event says: dates, a family's reference, a
    preschool's name — never special-category data (a family's situation, health, address).
    """

    kind: NoticeKind
    event_key: str
    recipient: User
    page: NoticePage
    record_id: int
    params: dict[str, str] = field(default_factory=dict)
