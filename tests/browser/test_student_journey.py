"""In a real browser, the student's journey: sign in, see the placement, tick availability on a
phone, and download the calendar feed that a calendar app would subscribe to."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from selenium.webdriver.common.by import By
from sqlmodel import Session, col, select

from matching.db import ENGINE_KEY, session_scope
from matching.decisions.lifecycle import approve_proposal
from matching.models import Group, Placement, Preschool, Proposal, Student, User
from matching.students.placement import session_hours
from matching.vocab import DAYS, HALF_DAYS, PlacementAnswer
from seed.accounts import DEMO_STUDENT_EMAIL
from tests.browser.conftest import AS_OF, LiveServer, screenshot, sign_in
from tests.browser.portal_steps import (
    allow_downloads,
    click_and_load,
    downloaded,
    wait_for,
    wait_for_path,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _best_group(session: Session, student: Student) -> tuple[Group, list[str]]:
    """The group sharing the most half-days with the student, and those shared half-days."""
    groups = session.exec(select(Group).where(col(Group.active)).order_by(col(Group.id))).all()
    best = max(
        groups, key=lambda g: (len(set(g.sessions) & set(student.availability)), -(g.id or 0))
    )
    shared = [h for h in HALF_DAYS if h in best.sessions and h in student.availability]
    return best, shared[: student.sessions_required] or list(best.sessions[:1])


@pytest.fixture(scope="module")
def placement(live_server: LiveServer) -> Placement:
    """The demo student's placement, proposed and approved as a coordinator would (no run)."""
    with session_scope(live_server.app.extensions[ENGINE_KEY]) as session:
        student = session.exec(select(Student).where(Student.email == DEMO_STUDENT_EMAIL)).one()
        coordinator = session.exec(select(User).where(User.role == "coordinator")).first()
        assert coordinator is not None
        group, half_days = _best_group(session, student)
        proposal = Proposal(
            kind="placement",
            student_id=student.id,
            preschool_id=group.preschool_id,
            slots=[{"group_id": group.id, "half_day": h} for h in half_days],
        )
        session.add(proposal)
        session.flush()
        placed = approve_proposal(
            session, proposal_id=proposal.id or 0, user=coordinator, today=AS_OF
        )
        assert isinstance(placed, Placement)
        return placed


def _see_placement(browser, placement: Placement, school: Preschool) -> None:
    """The home page shows the confirmed placement with each half-day and its hours."""
    card = wait_for(browser, "#placement article[data-status='confirmed']")
    assert school.name in card.text and "Bevestigd" in card.text
    placed_days = [slot["half_day"] for slot in placement.slots]
    rows = card.find_elements(By.CSS_SELECTOR, "tr[data-half-day]")
    assert [r.get_attribute("data-half-day") for r in rows] == placed_days
    start, _end = session_hours(school, placed_days[0].split("_")[1])
    assert start.strftime("%H:%M") in rows[0].text


def _confirm(browser, server: LiveServer, placement: Placement) -> None:
    """The approved placement waits for the student's answer: they confirm it."""
    question = wait_for(browser, f"#answer-{placement.id}")
    assert "Antwoord vóór" in question.text
    screenshot(browser, "student-placement-to-answer")
    click_and_load(browser, browser.find_element(By.ID, f"confirm-{placement.id}"))
    wait_for_path(browser, server.url, "/student/")
    assert "Je stageplek is bevestigd." in wait_for(browser, ".flashes").text
    assert not browser.find_elements(By.ID, f"answer-{placement.id}")
    with Session(server.app.extensions[ENGINE_KEY]) as session:
        answered = session.get(Placement, placement.id)
        assert answered is not None and answered.answer == PlacementAnswer.CONFIRMED


def _tick_on_a_phone(browser, server: LiveServer, student: Student) -> None:
    """On a phone-sized screen, tick one more half-day and save: saved, and flagged."""
    browser.set_window_size(390, 844)
    browser.get(f"{server.url}/student/profile")
    free = next(h for h in HALF_DAYS if h not in student.availability)
    box = wait_for(browser, f"#availability-{free}")
    browser.find_element(By.CSS_SELECTOR, f"label[for='availability-{free}']").click()
    assert box.is_selected()
    screenshot(browser, "student-profile-phone")
    click_and_load(
        browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/student/profile'] button")
    )
    wait_for_path(browser, server.url, "/student/")
    assert "Je profiel is opgeslagen." in wait_for(browser, ".flashes").text
    assert "coördinator" in browser.find_element(By.ID, "changed-notice").text  # after placement
    ticked = browser.find_element(By.CSS_SELECTOR, f"td[data-half-day='{free}']")
    assert ticked.get_attribute("class") == "yes"
    browser.set_window_size(1280, 900)


@pytest.mark.browser
def test_student_journey(live_server, browser, placement: Placement, tmp_path: Path) -> None:
    """Sign in, read the placement, tick a half-day on a phone, download the iCal feed."""
    engine = live_server.app.extensions[ENGINE_KEY]
    with Session(engine) as session:
        school = session.get(Preschool, placement.preschool_id)
        student = session.get(Student, placement.student_id)
    assert school is not None and student is not None
    sign_in(browser, live_server, DEMO_STUDENT_EMAIL, "demo-student")
    wait_for_path(browser, live_server.url, "/student/")
    _confirm(browser, live_server, placement)
    _see_placement(browser, placement, school)
    screenshot(browser, "student-placement")
    _tick_on_a_phone(browser, live_server, student)

    click_and_load(browser, browser.find_element(By.ID, "make-link"))
    feed_link = wait_for(browser, "#download")
    screenshot(browser, "student-calendar-link")
    allow_downloads(browser, tmp_path)
    feed_link.click()
    calendar = Calendar.from_ical(downloaded(tmp_path, ".ics").read_bytes())
    _check_feed(calendar, placement, school)
    with Session(engine) as session:
        flagged = session.get(Student, placement.student_id)
        assert flagged is not None and flagged.availability_changed


def _check_feed(calendar: Calendar, placement: Placement, school: Preschool) -> None:
    """One weekly event per placed half-day, on its weekday, at the preschool's local hours."""
    events = calendar.walk("VEVENT")
    assert len(events) == len(placement.slots)
    for event, slot in zip(
        sorted(events, key=lambda e: HALF_DAYS.index(str(e["UID"]).split("-")[3].split("@")[0])),
        placement.slots,
        strict=True,
    ):
        day, part = slot["half_day"].split("_")
        start, end = session_hours(school, part)
        begins = event["DTSTART"].dt
        assert begins.weekday() == DAYS.index(day) and begins.date() >= placement.period_start
        assert (begins.time(), event["DTEND"].dt.time()) == (start, end)
        assert begins.tzinfo.key == "Europe/Amsterdam"
        (until,) = event["RRULE"]["UNTIL"]
        assert until.astimezone(AMSTERDAM).date() == placement.period_end
        assert isinstance(begins, datetime) and placement.period_end > date(2027, 1, 1)
