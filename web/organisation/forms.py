"""Forms to register and change an organisation's mothers and buddies (with CSRF)."""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from matching import vocab
from matching.models import Family, Volunteer
from matching.people.language_input import language_text
from matching.vocab import Gender, GenderWish, VolunteerKind
from web.i18n import DEFAULT_LOCALE
from web.labels import SITUATION_LABELS, VOLUNTEER_KIND_LABELS
from web.portal.fields import (
    LanguagesField,
    MultiCheckboxField,
    district_choices,
    half_day_choices,
    labelled,
)
from web.portal.labels import GENDER_LABELS, WISH_LABELS

LANGUAGES_HINT = _l("Names or codes, separated by commas; the first language first.")
POSTCODE_HINT = _l("A Utrecht postcode, or only its four digits (e.g. 3562).")


def _locale() -> str:
    """The language of the page."""
    return str(get_locale() or DEFAULT_LOCALE)


class FamilyForm(FlaskForm):
    """An expecting mother (or a family): where, languages, needs, wishes and half-days."""

    reference = StringField(
        _l("Reference"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("Your own file number; no name."),
    )
    postcode = StringField(
        _l("Postcode"), validators=[DataRequired(), Length(max=8)], description=POSTCODE_HINT
    )
    languages = LanguagesField(
        _l("Languages"), validators=[DataRequired(), Length(max=300)], description=LANGUAGES_HINT
    )
    due_date = DateField(_l("Due date"), validators=[Optional()])
    child_birth_date = DateField(_l("Birth date of the youngest child"), validators=[Optional()])
    needs = MultiCheckboxField(_l("Situation and needs"))
    buddy_gender_wish = RadioField(_l("Wish on the buddy's gender"), default=GenderWish.ANY)
    availability = MultiCheckboxField(_l("Half-days she can meet"))
    sessions_required = IntegerField(
        _l("Visits a week"), default=1, validators=[DataRequired(), NumberRange(1, 10)]
    )
    urgent = BooleanField(_l("Urgent (marked by the referrer)"))
    stacked_problems = IntegerField(
        _l("Stacked problems (debt, housing, …)"),
        default=0,
        validators=[Optional(), NumberRange(0, 10)],
    )
    first_name = StringField(_l("First name"), validators=[Optional(), Length(max=60)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs.choices = labelled(vocab.SITUATION_TAGS, SITUATION_LABELS)
        self.buddy_gender_wish.choices = labelled(vocab.GENDER_WISHES, WISH_LABELS)
        self.availability.choices = half_day_choices()

    def fill(self, family: Family) -> None:
        """Show a stored family in the form."""
        for name in ("reference", "postcode", "due_date", "child_birth_date", "urgent",
                     "first_name", "address", "phone"):  # fmt: skip
            getattr(self, name).data = getattr(family, name)
        self.languages.data = language_text(family.languages, _locale())
        self.needs.data = list(family.needs)
        self.buddy_gender_wish.data = family.buddy_gender_wish
        self.availability.data = list(family.availability)
        self.sessions_required.data = family.sessions_required
        self.stacked_problems.data = family.stacked_problems

    def values(self) -> dict[str, Any]:
        """The fields as the domain takes them."""
        return {
            "reference": (self.reference.data or "").strip(),
            "postcode": (self.postcode.data or "").strip(),
            "languages": self.languages.codes(),
            "due_date": self.due_date.data,
            "child_birth_date": self.child_birth_date.data,
            "needs": self.needs.data or [],
            "buddy_gender_wish": self.buddy_gender_wish.data,
            "availability": self.availability.data or [],
            "sessions_required": self.sessions_required.data,
            "urgent": bool(self.urgent.data),
            "stacked_problems": self.stacked_problems.data or 0,
            "first_name": (self.first_name.data or "").strip() or None,
            "address": (self.address.data or "").strip() or None,
            "phone": (self.phone.data or "").strip() or None,
        }


class VolunteerForm(FlaskForm):
    """A buddy or experience expert: who, where, languages, half-days, VOG and capacity."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = StringField(_l("E-mail address"), validators=[Optional(), Length(max=200)])
    kind = RadioField(_l("Kind"), default=VolunteerKind.BUDDY)
    gender = SelectField(_l("Gender"), default=Gender.UNKNOWN)
    postcode = StringField(
        _l("Postcode"), validators=[DataRequired(), Length(max=8)], description=POSTCODE_HINT
    )
    max_travel_km = FloatField(
        _l("Maximum travel distance (km)"),
        default=5.0,
        validators=[DataRequired(), NumberRange(0.5, 100)],
    )
    languages = LanguagesField(
        _l("Languages"), validators=[DataRequired(), Length(max=300)], description=LANGUAGES_HINT
    )
    availability = MultiCheckboxField(_l("Half-days free"))
    capacity = IntegerField(
        _l("Trajectories at the same time"), default=1, validators=[NumberRange(1, 20)]
    )
    vog_valid_until = DateField(
        _l("Certificate of conduct (VOG) valid until"), validators=[Optional()]
    )
    experience = MultiCheckboxField(_l("Lived experience (experience experts)"))
    preferred_districts = MultiCheckboxField(_l("Preferred districts"))
    active = BooleanField(_l("Active"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = labelled(vocab.VOLUNTEER_KINDS, VOLUNTEER_KIND_LABELS)
        self.gender.choices = labelled(vocab.GENDERS, GENDER_LABELS)
        self.availability.choices = half_day_choices()
        self.experience.choices = labelled(vocab.SITUATION_TAGS, SITUATION_LABELS)
        self.preferred_districts.choices = district_choices()

    def fill(self, volunteer: Volunteer) -> None:
        """Show a stored volunteer in the form."""
        for name in ("name", "email", "kind", "gender", "postcode", "max_travel_km"):
            getattr(self, name).data = getattr(volunteer, name)
        for name in ("capacity", "vog_valid_until", "active"):
            getattr(self, name).data = getattr(volunteer, name)
        self.languages.data = language_text(volunteer.languages, _locale())
        self.availability.data = list(volunteer.availability)
        self.experience.data = list(volunteer.experience)
        self.preferred_districts.data = list(volunteer.preferred_districts)

    def values(self) -> dict[str, Any]:
        """The fields as the domain takes them."""
        return {
            "name": (self.name.data or "").strip(),
            "email": (self.email.data or "").strip() or None,
            "kind": self.kind.data,
            "gender": self.gender.data,
            "postcode": (self.postcode.data or "").strip(),
            "max_travel_km": self.max_travel_km.data,
            "languages": self.languages.codes(),
            "availability": self.availability.data or [],
            "capacity": self.capacity.data,
            "vog_valid_until": self.vog_valid_until.data,
            "experience": self.experience.data or [],
            "preferred_districts": self.preferred_districts.data or [],
            "active": bool(self.active.data),
        }
