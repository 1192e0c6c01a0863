"""Mail texts: every template renders in Dutch and English with what the caller passed."""

from __future__ import annotations

from importlib.resources import files

import pytest
from jinja2 import UndefinedError

from matching.outbox.texts import MailLanguage, MailTemplate, mail_language, render_mail

PARAMS = {
    MailTemplate.MATCH_STARTED: {"name": "Fatima & Co", "family": "GZ-0042", "start": "2026-12-01"},
    MailTemplate.PLACEMENT_CONFIRMED: {"name": "Sanne de Vries"},
    MailTemplate.RUN_FAILED: {"run_id": 17, "trigger": "schedule", "error": "SolverError: boom"},
    MailTemplate.PASSWORD_RESET: {"name": "Carla", "minutes": 60, "link": "https://k.nl/r/x"},
    MailTemplate.OFFER_MADE: {"name": "Anna", "days": 7, "link": "https://k.nl/volunteer/"},
    MailTemplate.VOLUNTEER_INVITE: {
        "name": "Anna",
        "inviter": "Carla",
        "hours": 72,
        "link": "https://k.nl/r/x",
    },
}

EXPECTED = {
    (MailTemplate.MATCH_STARTED, MailLanguage.NL): (
        "Kansrijk Match: nieuw traject",
        "Beste Fatima & Co,\n\nU bent gekoppeld aan gezin GZ-0042 (start 2026-12-01). "
        "Uw coördinator neemt contact met u op.\n",
    ),
    (MailTemplate.MATCH_STARTED, MailLanguage.EN): (
        "Kansrijk Match: new trajectory",
        "Dear Fatima & Co,\n\nYou have been matched with family GZ-0042 (start 2026-12-01). "
        "Your coordinator will contact you.\n",
    ),
    (MailTemplate.PLACEMENT_CONFIRMED, MailLanguage.NL): (
        "Kansrijk Match: je stageplek",
        "Beste Sanne de Vries,\n\nJe plaatsing is bevestigd. Bekijk de details en dagdelen "
        "in het studentenportaal.\n",
    ),
    (MailTemplate.PLACEMENT_CONFIRMED, MailLanguage.EN): (
        "Kansrijk Match: your placement",
        "Dear Sanne de Vries,\n\nYour placement is confirmed. See the details and half-days "
        "in the student portal.\n",
    ),
    (MailTemplate.RUN_FAILED, MailLanguage.NL): (
        "Kansrijk Match: matching-run 17 mislukt",
        "De matching-run 17 (schedule) is mislukt:\n\nSolverError: boom\n\n"
        "Er is niets veranderd aan voorstellen, trajecten of plaatsingen.\n",
    ),
    (MailTemplate.RUN_FAILED, MailLanguage.EN): (
        "Kansrijk Match: matching run 17 failed",
        "The matching run 17 (schedule) failed:\n\nSolverError: boom\n\n"
        "Nothing has changed in proposals, trajectories or placements.\n",
    ),
    (MailTemplate.PASSWORD_RESET, MailLanguage.NL): (
        "Kansrijk Match: nieuw wachtwoord instellen",
        "Beste Carla,\n\nIemand (waarschijnlijk u) vroeg om een nieuw wachtwoord voor Kansrijk "
        "Match. Open deze link binnen 60 minuten om er een te kiezen:\n\nhttps://k.nl/r/x\n\n"
        "Heeft u dit niet gevraagd? Dan kunt u dit bericht negeren: uw wachtwoord blijft zoals "
        "het is.\n",
    ),
    (MailTemplate.PASSWORD_RESET, MailLanguage.EN): (
        "Kansrijk Match: set a new password",
        "Hello Carla,\n\nSomeone (probably you) asked to set a new password for Kansrijk Match. "
        "Open this link within 60 minutes to choose one:\n\nhttps://k.nl/r/x\n\nIf you did not "
        "ask for this, ignore this message: your password stays as it is.\n",
    ),
    (MailTemplate.OFFER_MADE, MailLanguage.NL): (
        "Kansrijk Match: een gezin voor u als maatje",
        "Beste Anna,\n\nEr staat een voorstel voor u klaar: een gezin dat goed bij u past. Log "
        "in om te lezen waarom, en om het aan te nemen of af te wijzen. U heeft 7 dagen om te "
        "antwoorden.\n\nhttps://k.nl/volunteer/\n",
    ),
    (MailTemplate.OFFER_MADE, MailLanguage.EN): (
        "Kansrijk Match: a family for you as a buddy",
        "Dear Anna,\n\nA proposal is waiting for you: a family that fits you well. Sign in to "
        "read why, and to accept or decline it. You have 7 days to answer.\n\n"
        "https://k.nl/volunteer/\n",
    ),
    (MailTemplate.VOLUNTEER_INVITE, MailLanguage.NL): (
        "Kansrijk Match: uw uitnodiging als vrijwilliger",
        "Beste Anna,\n\nCarla nodigt u uit voor Kansrijk Match. Daar houdt u uw profiel bij en "
        "beantwoordt u voorstellen voor een gezin.\n\nKies uw wachtwoord met deze link. Hij "
        "werkt één keer, 72 uur lang:\nhttps://k.nl/r/x\n\nKansrijk Match\n",
    ),
    (MailTemplate.VOLUNTEER_INVITE, MailLanguage.EN): (
        "Kansrijk Match: your invitation as a volunteer",
        "Dear Anna,\n\nCarla invites you to Kansrijk Match, where you keep your profile up to "
        "date and answer proposals of a family.\n\nChoose your password with this link. It "
        "works once, for 72 hours:\nhttps://k.nl/r/x\n\nKansrijk Match\n",
    ),
}


@pytest.mark.parametrize(("template", "language"), sorted(EXPECTED))
def test_each_template_renders_in_each_language(template, language):
    text = render_mail(template, language, **PARAMS[template])
    assert (text.subject, text.body) == EXPECTED[template, language]


def test_every_template_and_language_is_covered_here_and_shipped():
    assert set(EXPECTED) == {(t, lang) for t in MailTemplate for lang in MailLanguage}
    folder = files("matching.outbox") / "templates"
    shipped = {p.name for lang in MailLanguage for p in (folder / lang).iterdir()}
    expected = {f"{t}.{part}.txt" for t in MailTemplate for part in ("subject", "body")}
    assert shipped == expected


def test_dutch_is_the_default():
    text = render_mail(MailTemplate.PLACEMENT_CONFIRMED, name="A")
    assert text.subject == "Kansrijk Match: je stageplek"


def test_a_missing_parameter_is_an_error_not_an_empty_gap():
    with pytest.raises(UndefinedError):
        render_mail(MailTemplate.RUN_FAILED, MailLanguage.EN, run_id=1, trigger="cli")


@pytest.mark.parametrize(
    ("spoken", "language"),
    [
        (["nl", "ar"], MailLanguage.NL),
        (["en", "nl"], MailLanguage.NL),
        (["en", "ar"], MailLanguage.EN),
        (["ar", "tr"], MailLanguage.NL),
        ([], MailLanguage.NL),
        (None, MailLanguage.NL),
    ],
)
def test_the_language_follows_what_the_recipient_reads(spoken, language):
    assert mail_language(spoken) == language
