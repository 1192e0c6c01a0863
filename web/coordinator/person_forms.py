"""Forms to register and change people and places; the domain checks every value."""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Field,
    FloatField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from matching import vocab
from matching.people.language_input import language_text
from web.labels import FAMILY_STATUS_LABELS, SITUATION_LABELS, VOLUNTEER_KIND_LABELS
from web.portal.fields import (
    LanguagesField,
    MultiCheckboxField,
    district_choices,
    half_day_choices,
    labelled,
)
from web.portal.labels import GENDER_LABELS, WISH_LABELS

NULLABLE = frozenset({"email", "network_id", "vog_valid_until", "due_date", "child_birth_date",
                      "first_name", "address", "phone"})  # fmt: skip
GRIDS = frozenset({"availability", "sessions"})


def _options(pairs: list[tuple[Any, Any]]) -> list[SelectChoice]:
    """Choices as WTForms wants them (it no longer takes plain pairs)."""
    return [SelectChoice(value, label) for value, label in pairs]


def _optional_int(value: Any) -> int | None:
    """A select's value as an id, or None for the empty choice."""
    return int(value) if value not in (None, "", "None") else None


def _text(label: Any) -> StringField:
    """A one-line text field; the domain says whether it may be empty."""
    return StringField(label)


def _date(label: Any) -> DateField:
    """A date picked in the browser (yyyy-mm-dd), may be empty."""
    return DateField(label, validators=[Optional()])


def _situations(label: Any) -> MultiCheckboxField:
    """Situation tags as checkboxes."""
    return MultiCheckboxField(
        label, choices=_options(labelled(vocab.SITUATION_TAGS, SITUATION_LABELS))
    )


class PersonForm(FlaskForm):
    """A record's fields by their model names; ``record_data`` gives what the domain checks."""

    def record_data(self) -> dict[str, Any]:
        """The fields' values for the record; an empty optional value keeps the default."""
        data: dict[str, Any] = {}
        for field in self:
            if field.name == "csrf_token":
                continue
            value = field.codes() if isinstance(field, LanguagesField) else field.data
            if isinstance(value, str):
                value = value.strip()
            if value in (None, "") and field.name not in NULLABLE:
                continue
            data[field.name] = None if value == "" else value
        return data

    def fill(self, row: Any) -> None:
        """Show a stored row in the fields (languages as names in the user's language)."""
        for field in self:
            if field.name == "csrf_token" or not hasattr(row, field.name):
                continue
            value = getattr(row, field.name)
            if isinstance(field, LanguagesField):
                value = language_text(value, str(get_locale() or "nl"))
            field.data = value


class VolunteerForm(PersonForm):
    """A buddy or experience expert."""

    name = _text(_l("Name"))
    email = _text(_l("E-mail address"))
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    kind = SelectField(
        _l("Kind"), choices=_options(labelled(vocab.VOLUNTEER_KINDS, VOLUNTEER_KIND_LABELS))
    )
    languages = LanguagesField(
        _l("Languages"), description=_l("Names or codes, first language first.")
    )
    postcode = _text(_l("Postcode"))
    max_travel_km = FloatField(_l("Maximum travel distance (km)"), validators=[Optional()])
    capacity = IntegerField(_l("Families at the same time"), validators=[Optional()])
    vog_valid_until = _date(_l("Certificate of conduct valid until"))
    gender = SelectField(_l("Gender"), choices=_options(labelled(vocab.GENDERS, GENDER_LABELS)))
    availability = MultiCheckboxField(_l("Availability"), choices=_options(half_day_choices()))
    experience = _situations(_l("Lived experience"))
    preferred_districts = MultiCheckboxField(
        _l("Preferred districts"), choices=_options(district_choices())
    )
    active = BooleanField(_l("Active"), default=True)


class ExpertForm(VolunteerForm):
    """An experience expert: a volunteer whose kind is fixed."""

    kind = None


class FamilyForm(PersonForm):
    """A family or expecting mother."""

    reference = _text(_l("Reference"))
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    network_id = SelectField(_l("Birth-care network"), coerce=_optional_int)
    postcode = _text(_l("Postcode"))
    languages = LanguagesField(
        _l("Languages"), description=_l("Names or codes, first language first.")
    )
    needs = _situations(_l("Situation"))
    availability = MultiCheckboxField(_l("Availability"), choices=_options(half_day_choices()))
    buddy_gender_wish = SelectField(
        _l("Wish on the buddy's gender"),
        choices=_options(labelled(vocab.GENDER_WISHES, WISH_LABELS)),
    )
    sessions_required = IntegerField(_l("Half-days a week"), validators=[Optional()])
    urgent = BooleanField(_l("Urgent"))
    stacked_problems = IntegerField(_l("Stacked problems"), validators=[Optional()])
    due_date = _date(_l("Due date"))
    child_birth_date = _date(_l("Child's date of birth"))
    registered_on = _date(_l("Registered on"))
    first_name = _text(_l("First name (for the buddy, after acceptance)"))
    address = _text(_l("Address (for the buddy, after acceptance)"))
    phone = _text(_l("Phone (for the buddy, after acceptance)"))
    status = SelectField(
        _l("Status"), choices=_options(labelled(vocab.FAMILY_STATUSES, FAMILY_STATUS_LABELS))
    )


class StudentForm(PersonForm):
    """A student of HU or UU."""

    name = _text(_l("Name"))
    email = _text(_l("E-mail address"))
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    institution = SelectField(
        _l("Institution"), choices=[SelectChoice(c) for c in vocab.INSTITUTIONS]
    )
    programme = _text(_l("Programme"))
    postcode = _text(_l("Postcode"))
    sessions_required = IntegerField(_l("Half-days a week"), validators=[Optional()])
    availability = MultiCheckboxField(_l("Availability"), choices=_options(half_day_choices()))
    languages = LanguagesField(
        _l("Languages"), description=_l("Names or codes, first language first.")
    )
    preferred_districts = MultiCheckboxField(
        _l("Preferred districts"), choices=_options(district_choices())
    )
    period_start = _date(_l("Start of the period"))
    period_end = _date(_l("End of the period"))
    max_travel_km = FloatField(_l("Maximum travel distance (km)"), validators=[Optional()])
    active = BooleanField(_l("Active"), default=True)


class PreschoolForm(PersonForm):
    """A preschool location."""

    name = _text(_l("Name"))
    organisation_id = SelectField(_l("Provider"), coerce=int)
    address = _text(_l("Address"))
    postcode = _text(_l("Postcode"))
    contact = _text(_l("Contact"))
    morning_hours = _text(_l("Morning hours"))
    afternoon_hours = _text(_l("Afternoon hours"))
    active = BooleanField(_l("Active"), default=True)


class GroupForm(PersonForm):
    """A preschool group."""

    preschool_id = SelectField(_l("Preschool"), coerce=int)
    name = _text(_l("Name"))
    children_count = IntegerField(_l("Children"), validators=[Optional()])
    reduced = BooleanField(_l("Reduced group (at most 12 children)"))
    home_languages = LanguagesField(_l("Children's home languages"))
    sessions = MultiCheckboxField(
        _l("Half-days the group runs"), choices=_options(half_day_choices())
    )
    students_wanted = IntegerField(_l("Students wanted per half-day"), validators=[Optional()])
    active = BooleanField(_l("Active"), default=True)


FORMS: dict[str, type[PersonForm]] = {
    "volunteers": VolunteerForm,
    "experts": ExpertForm,
    "families": FamilyForm,
    "students": StudentForm,
    "preschools": PreschoolForm,
    "groups": GroupForm,
}


def is_grid(field: Field) -> bool:
    """Whether a field is shown as the 5 × 2 half-day grid."""
    return field.name in GRIDS
