"""The ``utrecht`` demo, seeded once: the figures of the seeds and DESIGN.md hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytest import TempPathFactory
from sqlmodel import Session, select

from matching import reference
from matching.models import (
    AuditEvent,
    CheckIn,
    Family,
    Group,
    Match,
    Organisation,
    Preschool,
    Proposal,
    Student,
    User,
    Volunteer,
)
from matching.people.validation import normalise_postcode
from seed.places import MAX_JITTER_M
from tests.seed.content import AS_OF, fresh_sqlite, seed_engine
from tests.seed.test_generate import assert_every_record_valid


@pytest.fixture(scope="module")
def demo(tmp_path_factory: TempPathFactory) -> Iterator[Session]:
    """A session on a SQLite database seeded with the utrecht size."""
    engine = fresh_sqlite(tmp_path_factory.mktemp("utrecht") / "demo.sqlite")
    seed_engine(engine, "utrecht")
    with Session(engine) as session:
        yield session
    engine.dispose()


def org(session: Session, code: str) -> Organisation:
    """The organisation with this code."""
    return session.exec(select(Organisation).where(Organisation.code == code)).one()


def test_every_record_is_valid(demo: Session) -> None:
    assert_every_record_valid(demo)


def test_eighty_students_of_hu_and_uu(demo: Session) -> None:
    students = demo.exec(select(Student)).all()
    assert len(students) == 80
    by_institution = Counter(student.institution for student in students)
    assert by_institution["HU"] > 0 and by_institution["UU"] > 0


def test_organisations_of_the_seeds(demo: Session) -> None:
    kinds = Counter(o.kind for o in demo.exec(select(Organisation)).all())
    assert kinds == {
        "municipality": 1,
        "network": 7,
        "partner": 2,
        "university": 2,
        "preschool_provider": 5,
    }
    assert org(demo, "al-amal").yearly_capacity == 15
    assert org(demo, "gemeente-utrecht").kind == "municipality"


def test_preschools_and_reduced_groups(demo: Session) -> None:
    assert len(demo.exec(select(Preschool)).all()) == 70
    groups = demo.exec(select(Group)).all()
    assert len(groups) == 140
    reduced = [group for group in groups if group.reduced]
    assert len(reduced) == 30
    assert all(group.children_count <= 12 for group in reduced)
    sites = {site.id: site for site in demo.exec(select(Preschool)).all()}
    in_priority = [
        g for g in reduced if sites[g.preschool_id].district in {"overvecht", "zuidwest"}
    ]
    assert len(in_priority) > len(reduced) / 2
    assert all(1 <= group.students_wanted <= 2 for group in groups)
    mornings = sum(all(code.endswith("_am") for code in g.sessions) for g in groups)
    assert mornings > len(groups) / 2


def test_al_amal_runs_about_37_trajectories(demo: Session) -> None:
    al_amal = org(demo, "al-amal")
    matches = demo.exec(select(Match).where(Match.organisation_id == al_amal.id)).all()
    assert 34 <= len(matches) <= 40
    starts = sorted(match.start_date for match in matches)
    assert starts[0] < AS_OF - timedelta(days=800) and starts[-1] > AS_OF - timedelta(days=100)
    assert all(m.expected_end == m.start_date + timedelta(days=913) for m in matches)
    buddies = demo.exec(select(Volunteer).where(Volunteer.organisation_id == al_amal.id)).all()
    assert all(buddy.gender == "female" and buddy.capacity == 1 for buddy in buddies)
    mothers = demo.exec(select(Family).where(Family.organisation_id == al_amal.id)).all()
    assert all(mother.buddy_gender_wish == "female" for mother in mothers)
    assert any(mother.status == "waiting" for mother in mothers)


def test_the_municipal_pool(demo: Session) -> None:
    municipality = org(demo, "gemeente-utrecht")
    pool = demo.exec(select(Volunteer).where(Volunteer.organisation_id == municipality.id)).all()
    assert Counter(v.kind for v in pool) == {"buddy": 300, "experience_expert": 80}
    experts = [v for v in pool if v.kind == "experience_expert"]
    assert all(expert.experience for expert in experts)
    families = demo.exec(select(Family).where(Family.organisation_id == municipality.id)).all()
    assert len(families) == 400
    networks = {o.id for o in demo.exec(select(Organisation).where(Organisation.kind == "network"))}
    assert {family.network_id for family in families} == networks


def test_language_families_flagged_at_fourteen_months(demo: Session) -> None:
    taal = org(demo, "taal-doet-meer")
    families = demo.exec(select(Family).where(Family.organisation_id == taal.id)).all()
    assert families
    for family in families:
        assert family.child_birth_date is not None
        age = (family.registered_on - family.child_birth_date).days
        assert 400 <= age <= 450
        assert family.languages[0] != "nl"


def test_every_running_match_was_approved_by_its_organisation(demo: Session) -> None:
    users = {user.id: user for user in demo.exec(select(User)).all()}
    for match in demo.exec(select(Match)).all():
        volunteer = demo.get(Volunteer, match.volunteer_id)
        family = demo.get(Family, match.family_id)
        proposal = demo.get(Proposal, match.proposal_id)
        assert volunteer is not None and family is not None and proposal is not None
        assert volunteer.organisation_id == family.organisation_id == match.organisation_id
        assert family.status == "matched" and match.status == "active"
        assert proposal.status == "approved" and proposal.run_id is None
        decider = users[proposal.decided_by_id]
        assert decider.organisation_id == match.organisation_id
        event = demo.exec(select(AuditEvent).where(AuditEvent.entity_id == match.id)).one()
        assert (event.entity, event.action, event.actor_user_id) == ("match", "created", decider.id)
        assert match.start_date <= AS_OF < match.expected_end  # type: ignore[operator]


def test_running_matches_keep_the_hard_rules_but_lapsed_vogs(demo: Session) -> None:
    for match in demo.exec(select(Match)).all():
        v, f = demo.get(Volunteer, match.volunteer_id), demo.get(Family, match.family_id)
        assert v is not None and f is not None
        assert set(v.languages) & set(f.languages)
        assert len(set(v.availability) & set(f.availability)) >= f.sessions_required
        assert f.buddy_gender_wish in ("any", v.gender)
        km = reference.distance_km(v.lat, v.lon, f.lat, f.lon)  # type: ignore[arg-type]
        assert km <= v.max_travel_km
        assert v.vog_valid_until is not None


def test_people_live_in_real_postcodes_near_their_point(demo: Session) -> None:
    areas = reference.postcodes()
    people = [
        *demo.exec(select(Volunteer)).all(),
        *demo.exec(select(Family)).all(),
        *demo.exec(select(Student)).all(),
    ]
    for person in people:
        assert normalise_postcode(person.postcode) == person.postcode
        area = areas[person.postcode[:4]]
        assert area.residential and person.district == area.district
        km = reference.distance_km(area.lat, area.lon, person.lat, person.lon)  # type: ignore[arg-type]
        assert km <= MAX_JITTER_M / 1000 + 0.01


def test_languages_are_skewed_as_in_utrecht(demo: Session) -> None:
    volunteers = demo.exec(select(Volunteer)).all()
    assert sum("nl" in v.languages for v in volunteers) > 0.8 * len(volunteers)
    assert sum(len(v.languages) > 1 for v in volunteers) > 0.3 * len(volunteers)
    families = demo.exec(select(Family)).all()
    heritage = {"ar", "ber", "tr"}

    def share(found: list[Family]) -> float:
        return sum(f.languages[0] in heritage for f in found) / len(found)

    priority = [f for f in families if f.district in {"overvecht", "zuidwest"}]
    others = [f for f in families if f.district not in {"overvecht", "zuidwest"}]
    assert share(priority) > share(others)


def test_a_few_vogs_have_lapsed(demo: Session) -> None:
    volunteers = demo.exec(select(Volunteer)).all()
    lapsed = [v for v in volunteers if v.vog_valid_until and v.vog_valid_until < AS_OF]
    assert 0 < len(lapsed) < 0.1 * len(volunteers)


def test_check_ins_follow_each_trajectory(demo: Session) -> None:
    matches = {match.id: match for match in demo.exec(select(Match)).all()}
    check_ins = demo.exec(select(CheckIn)).all()
    assert check_ins
    for check_in in check_ins:
        assert matches[check_in.match_id].start_date < check_in.on <= AS_OF
    oldest = min(matches.values(), key=lambda match: match.start_date)
    assert sum(c.match_id == oldest.id for c in check_ins) >= 8  # 2.5 years, one a quarter


def test_some_students_prefer_preschools_near_home(demo: Session) -> None:
    students = demo.exec(select(Student)).all()
    preschools = {p.id: p for p in demo.exec(select(Preschool)).all()}
    preferring = [s for s in students if s.preferred_preschools]
    assert 0.1 * len(students) <= len(preferring) <= 0.3 * len(students)
    for student in preferring:
        assert 1 <= len(student.preferred_preschools) <= 2
        for pid in student.preferred_preschools:
            school = preschools[pid]
            km = reference.distance_km(student.lat, student.lon, school.lat, school.lon)
            assert km <= student.max_travel_km
