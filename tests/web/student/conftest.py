"""The web test world's student Lotte, with a preschool placement when a test asks for one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask
from sqlmodel import Session, select

from matching.db import session_scope
from matching.models import Student
from tests.matching import placements as place
from tests.matching import stored as make
from web.database import ENGINE_KEY


@dataclass
class Placed:
    """Lotte's ids, and those of her placement and of another student."""

    student_id: int
    placement_id: int
    other_student_id: int


def lotte(session: Session) -> Student:
    """The student who signs in as STUDENT."""
    return session.exec(select(Student).where(Student.name == "Lotte Visser")).one()


@pytest.fixture
def placed(app: Flask) -> Placed:
    """Lotte placed at De Regenboog (Vlinders) on Monday morning and Thursday afternoon."""
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        student = lotte(session)
        provider = make.organisation(
            session, "spelenderwijs", "Spelenderwijs", "preschool_provider"
        )
        school = place.preschool(session, provider, "De Regenboog", "overvecht")
        vlinders = place.group(session, school, "Vlinders", ["mon_am", "thu_pm"])
        chosen = place.slots((vlinders, "mon_am"), (vlinders, "thu_pm"))
        placement = place.placement(session, student, school, chosen)
        iris = session.exec(select(Student).where(Student.name == "Iris Kok")).one()
        return Placed(student.id or 0, placement.id or 0, iris.id or 0)
