"""The texts of outgoing mail: Jinja templates per language, rendered in one place.

Each mail has a subject and a body template in ``templates/<language>/`` (package data):
``<name>.subject.txt`` (one line) and ``<name>.body.txt``. Plain text, so nothing is
HTML-escaped; a parameter a template uses but the caller did not pass is an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined


class MailLanguage(StrEnum):
    """The languages mail is written in; Dutch unless the recipient's language says so."""

    NL = "nl"
    EN = "en"


class MailTemplate(StrEnum):
    """Every mail the service sends, named after the event that causes it."""

    MATCH_STARTED = "match_started"
    PLACEMENT_CONFIRMED = "placement_confirmed"
    RUN_FAILED = "run_failed"
    PASSWORD_RESET = "password_reset"
    OFFER_MADE = "offer_made"
    VOLUNTEER_INVITE = "volunteer_invite"
    PLACEMENT_APPROVED = "placement_approved"  # the student is asked to confirm or decline
    # The scheduler's notices, one template per NoticeKind ("notice_" + the kind).
    NOTICE_OFFER_WAITING = "notice_offer_waiting"
    NOTICE_VOG_EXPIRING = "notice_vog_expiring"
    NOTICE_CHECK_IN_OVERDUE = "notice_check_in_overdue"
    NOTICE_PLACEMENT_STARTING = "notice_placement_starting"
    NOTICE_TRAJECTORY_ENDING = "notice_trajectory_ending"
    NOTICE_RUN_SUMMARY = "notice_run_summary"
    NOTICE_PLACEMENT_ANSWER = "notice_placement_answer"


@dataclass(frozen=True)
class MailText:
    """A rendered mail: its subject line and its body."""

    subject: str
    body: str


@cache
def _environment() -> Environment:
    """The Jinja environment over the package's mail templates (made once)."""
    return Environment(
        loader=PackageLoader("matching.outbox", "templates"),
        autoescape=False,  # plain-text mail: a name like "Bakker & Zn" stays as written
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def mail_language(spoken: Iterable[str] | None) -> MailLanguage:
    """Dutch for anyone who reads it or whose languages are unknown; else English if read."""
    codes = set(spoken or ())
    if MailLanguage.NL not in codes and MailLanguage.EN in codes:
        return MailLanguage.EN
    return MailLanguage.NL


def render_mail(
    template: MailTemplate, language: MailLanguage = MailLanguage.NL, **params: object
) -> MailText:
    """The subject and body of the mail in the language, filled with the parameters."""
    env = _environment()
    folder = f"{MailLanguage(language)}/{MailTemplate(template)}"
    subject = env.get_template(f"{folder}.subject.txt").render(**params)
    body = env.get_template(f"{folder}.body.txt").render(**params)
    return MailText(subject=" ".join(subject.split()), body=body)
