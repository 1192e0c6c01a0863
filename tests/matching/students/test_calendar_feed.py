"""The placement's iCal feed parses back: weekly events, local hours, across summer time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar

from matching.students.calendar_feed import FeedText, build_feed, first_weekday_on_or_after
from matching.students.placement import PlacementSlot, PlacementView

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TEXT = FeedText("Kansrijk Match: mijn stage", "Stage", "Groep", "Contact")
START, END = date(2026, 9, 1), date(2027, 7, 12)  # a Tuesday to a Monday


def _slot(half_day: str, start: time, end: time, groups: tuple[str, ...] = ("Vlinders",)):
    """A placed half-day with its hours and groups."""
    day, part = half_day.split("_")
    return PlacementSlot(half_day, day, part, start, end, groups)


def _view(status: str = "confirmed", *slots: PlacementSlot, end: date = END) -> PlacementView:
    """A placement at De Regenboog (Monday morning, Wednesday afternoon unless slots given)."""
    return PlacementView(
        status=status,
        record_id=7,
        preschool_name="De Regenboog",
        address="Kastanjelaan 12",
        postcode="3562 AB",
        district="overvecht",
        contact="Meryem Yilmaz, 030 123 4567",
        slots=slots
        or (
            _slot("mon_am", time(8, 30), time(12, 30)),
            _slot("wed_pm", time(13, 0), time(16, 30), ("Vlinders", "Uilen")),
        ),
        period_start=START,
        period_end=end,
        broken_rule=None,
        created_at=datetime(2026, 8, 20, 9, 0),
    )


def _events(feed: bytes) -> dict[str, object]:
    """The feed's events by UID, after parsing it back as a calendar app would."""
    calendar = Calendar.from_ical(feed)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_one_weekly_event_per_half_day_at_local_hours() -> None:
    """Each half-day is a weekly event from its first weekday in the period, in Amsterdam time."""
    events = _events(build_feed([_view()], TEXT))
    assert sorted(events) == [
        "kansrijk-placement-7-mon_am@kansrijk-match",
        "kansrijk-placement-7-wed_pm@kansrijk-match",
    ]
    monday = events["kansrijk-placement-7-mon_am@kansrijk-match"]
    start, end = monday["DTSTART"].dt, monday["DTEND"].dt
    assert start == datetime(2026, 9, 7, 8, 30, tzinfo=AMSTERDAM)
    assert start.weekday() == 0 and start.tzinfo.key == "Europe/Amsterdam"
    assert (end.hour, end.minute) == (12, 30)
    wednesday = events["kansrijk-placement-7-wed_pm@kansrijk-match"]
    assert wednesday["DTSTART"].dt == datetime(2026, 9, 2, 13, 0, tzinfo=AMSTERDAM)
    assert "Vlinders, Uilen" in str(wednesday["DESCRIPTION"])
    assert "Meryem Yilmaz" in str(wednesday["DESCRIPTION"])
    assert str(wednesday["SUMMARY"]) == "Stage: De Regenboog"
    assert str(wednesday["LOCATION"]) == "Kastanjelaan 12, 3562 AB"


def test_weekly_until_the_period_end() -> None:
    """RRULE is weekly and runs until the last day of the period (given in UTC)."""
    monday = _events(build_feed([_view()], TEXT))["kansrijk-placement-7-mon_am@kansrijk-match"]
    rule = monday["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    (until,) = rule["UNTIL"]
    assert until.tzinfo is not None and until.utcoffset() == timedelta(0)
    assert until.astimezone(AMSTERDAM).date() == END


def test_local_time_holds_across_the_change_to_winter_time() -> None:
    """Occurrences stay at 08:30 in Amsterdam before and after 25 October 2026 (UTC shifts)."""
    monday = _events(build_feed([_view()], TEXT))["kansrijk-placement-7-mon_am@kansrijk-match"]
    start = monday["DTSTART"].dt
    rule = monday["RRULE"].to_ical().decode()
    occurrences = list(rrulestr(rule, dtstart=start))
    assert occurrences[0] == datetime(2026, 9, 7, 8, 30, tzinfo=AMSTERDAM)
    assert occurrences[-1].date() == END  # the period ends on a Monday: that day counts
    assert all(o.weekday() == 0 and (o.hour, o.minute) == (8, 30) for o in occurrences)
    summer = next(o for o in occurrences if o.date() == date(2026, 10, 19))
    winter = next(o for o in occurrences if o.date() == date(2026, 10, 26))
    assert summer.astimezone(UTC).hour == 6 and winter.astimezone(UTC).hour == 7
    assert len(occurrences) == 45


def test_feed_carries_amsterdam_timezone() -> None:
    """The VTIMEZONE of Europe/Amsterdam gives winter and summer offsets in the period."""
    calendar = Calendar.from_ical(build_feed([_view()], TEXT))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    tz = zone.to_tz()
    assert datetime(2026, 12, 1, 12, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2027, 6, 1, 12, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert str(calendar["X-WR-CALNAME"]) == TEXT.calendar_name


def test_proposed_placements_and_empty_periods_make_no_events() -> None:
    """Only confirmed placements are in the feed; a half-day not in the period has no event."""
    assert _events(build_feed([_view("proposed")], TEXT)) == {}
    short = _view("confirmed", _slot("fri_am", time(8, 30), time(12, 30)), end=date(2026, 9, 3))
    empty = Calendar.from_ical(build_feed([short], TEXT))
    assert empty.walk("VEVENT") == [] and str(empty["VERSION"]) == "2.0"


def test_first_weekday_on_or_after() -> None:
    """The first Monday on or after a Tuesday is six days later; on a Monday, that day."""
    assert first_weekday_on_or_after(date(2026, 9, 1), 0) == date(2026, 9, 7)
    assert first_weekday_on_or_after(date(2026, 9, 7), 0) == date(2026, 9, 7)


def test_location_names_the_postcode_once() -> None:
    """An address that already ends with its postcode is not given the postcode twice."""
    view = _view()
    assert view.location == "Kastanjelaan 12, 3562 AB"
    with_postcode = PlacementView(
        **{**view.__dict__, "address": "Kastanjelaan 12, 3562 AB Utrecht"}
    )
    assert with_postcode.location == "Kastanjelaan 12, 3562 AB Utrecht"
