"""A student's confirmed placement as an iCalendar feed (RFC 5545), made with ``icalendar``.

One weekly recurring event per half-day of the placement, from the first such weekday in the
period up to its last day, at the preschool's hours in Europe/Amsterdam local time: the
events carry ``TZID=Europe/Amsterdam`` and the feed its ``VTIMEZONE``, so an 08:30 start stays
08:30 across the changes to and from summer time. Proposed placements are not in the feed:
a calendar shows only what is settled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event, Timezone

from matching import clock
from matching.students.placement import PlacementSlot, PlacementView
from matching.vocab import DAYS, PlacementStage

TIMEZONE = clock.TIMEZONE_NAME
PRODID = "-//Kansrijk Match//Student placement//NL"
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class FeedText:
    """The words of the feed, in the reader's language (the web translates them)."""

    calendar_name: str
    placement: str  # "Placement", before the preschool's name
    groups: str  # "Group(s)"
    contact: str  # "Contact"


def first_weekday_on_or_after(start: date, weekday: int) -> date:
    """The first date on or after ``start`` that falls on ``weekday`` (Monday is 0)."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _utc(moment: datetime) -> datetime:
    """An aware UTC time; a naive one (as SQLite returns them) is taken as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _local(day: date, at: time) -> datetime:
    """A wall-clock time in Amsterdam on that day."""
    return datetime.combine(day, at, tzinfo=clock.LOCAL_ZONE)


def weekly_event(view: PlacementView, slot: PlacementSlot, text: FeedText) -> Event | None:
    """The weekly event of one half-day over the period, or None if none falls in it."""
    first = first_weekday_on_or_after(view.period_start, DAYS.index(slot.day))
    if first > view.period_end:
        return None
    # RFC 5545: with a local DTSTART, UNTIL is given in UTC; the period's last day counts.
    until = _local(view.period_end, time(23, 59, 59)).astimezone(UTC)
    groups = ", ".join(slot.groups)
    event = Event()
    event.add("uid", f"kansrijk-placement-{view.record_id}-{slot.half_day}@kansrijk-match")
    event.add("dtstamp", _utc(view.created_at))
    event.add("summary", f"{text.placement}: {view.preschool_name}")
    event.add("dtstart", _local(first, slot.start))
    event.add("dtend", _local(first, slot.end))
    event.add("rrule", {"freq": "weekly", "until": until})
    event.add("location", view.location)
    lines = [f"{text.groups}: {groups}"] if groups else []
    if view.contact:
        lines.append(f"{text.contact}: {view.contact}")
    if lines:
        event.add("description", "\n".join(lines))
    event.add("transp", "OPAQUE")
    return event


def _timezone(views: Sequence[PlacementView]) -> Timezone:
    """Amsterdam's VTIMEZONE from 1 January of the first year (winter time) past the last."""
    first = min(view.period_start for view in views)
    last = max(view.period_end for view in views)
    return Timezone.from_tzid(
        TIMEZONE, first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
    )


def build_feed(views: Sequence[PlacementView], text: FeedText) -> bytes:
    """The feed of the confirmed placements among ``views``; an empty calendar if none."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text.calendar_name)
    calendar.add("x-wr-timezone", TIMEZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    confirmed = [view for view in views if view.status == PlacementStage.CONFIRMED]
    if confirmed:
        calendar.add_component(_timezone(confirmed))
    for view in confirmed:
        for slot in view.slots:
            event = weekly_event(view, slot, text)
            if event is not None:
                calendar.add_component(event)
    return bytes(calendar.to_ical())
