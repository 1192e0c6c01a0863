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


# Issue 14b: the placement to answer and the scheduler's notices (lines in a loop).
NEW_PARAMS = {
    MailTemplate.PLACEMENT_APPROVED: {
        "name": "Sanne de Vries",
        "preschool": "De Regenboog",
        "start": "2027-02-01",
        "days": 7,
    },
    MailTemplate.NOTICE_OFFER_WAITING: {
        "name": "Yara",
        "items": [{"district": "Overvecht", "due": "2026-12-12", "link": "https://k.nl/n/o"}],
        "preferences": "https://k.nl/n/p",
    },
    MailTemplate.NOTICE_VOG_EXPIRING: {
        "name": "Carla",
        "items": [{"name": "Yara Haddad", "until": "2027-01-10", "link": "https://k.nl/n/v"}],
        "preferences": "https://k.nl/n/p",
    },
    MailTemplate.NOTICE_CHECK_IN_OVERDUE: {
        "name": "Amal",
        "items": [{"family": "GZ-0042", "since": "2026-10-01", "link": "https://k.nl/n/t"}],
        "preferences": "https://k.nl/n/p",
    },
    MailTemplate.NOTICE_PLACEMENT_STARTING: {
        "name": "Sanne",
        "items": [{"preschool": "De Regenboog", "start": "2027-02-01", "link": "https://k.nl/n/s"}],
        "preferences": "https://k.nl/n/p",
    },
    MailTemplate.NOTICE_TRAJECTORY_ENDING: {
        "name": "Amal",
        "items": [{"family": "GZ-0042", "end": "2027-01-15", "link": "https://k.nl/n/t"}],
        "preferences": "https://k.nl/n/p",
    },
    MailTemplate.NOTICE_RUN_SUMMARY: {
        "name": "Carla",
        "items": [
            {
                "run": "12",
                "as_of": "2026-12-07",
                "proposals": "40",
                "covered": "480",
                "families": "500",
                "placed": "80",
                "link": "https://k.nl/n/r",
            }
        ],
        "preferences": "https://k.nl/n/p",
    },
    MailTemplate.NOTICE_PLACEMENT_ANSWER: {
        "name": "Sanne",
        "items": [{"preschool": "De Regenboog", "due": "2026-12-12", "link": "https://k.nl/n/s"}],
        "preferences": "https://k.nl/n/p",
    },
}
NEW_EXPECTED = {
    (MailTemplate.PLACEMENT_APPROVED, MailLanguage.NL): (
        "Kansrijk Match: bevestig je stageplek",
        (
            "Beste Sanne de Vries,\n"
            "\n"
            "Er is een stageplek voor je goedgekeurd bij De Regenboog (vanaf "
            "2027-02-01). Bevestig of weiger hem binnen 7 dagen in het "
            "studentenportaal; daarna vervalt het aanbod.\n"
        ),
    ),
    (MailTemplate.PLACEMENT_APPROVED, MailLanguage.EN): (
        "Kansrijk Match: confirm your placement",
        (
            "Dear Sanne de Vries,\n"
            "\n"
            "A placement at De Regenboog (from 2027-02-01) was approved for you. "
            "Confirm or decline it within 7 days in the student portal; after that "
            "the offer lapses.\n"
        ),
    ),
    (MailTemplate.NOTICE_OFFER_WAITING, MailLanguage.NL): (
        "Kansrijk Match: een aanbod wacht op uw antwoord",
        (
            "Beste Yara,\n"
            "\n"
            "Dit aanbod wacht nog op uw antwoord (het vervalt op 2026-12-12):\n"
            "- gezin in Overvecht: https://k.nl/n/o\n"
            "\n"
            "Deze herinneringen uitzetten: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_OFFER_WAITING, MailLanguage.EN): (
        "Kansrijk Match: an offer waits for your answer",
        (
            "Dear Yara,\n"
            "\n"
            "This offer still waits for your answer (it lapses on 2026-12-12):\n"
            "- family in Overvecht: https://k.nl/n/o\n"
            "\n"
            "Turn these reminders off: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_VOG_EXPIRING, MailLanguage.NL): (
        "Kansrijk Match: VOG loopt binnenkort af",
        (
            "Beste Carla,\n"
            "\n"
            "Deze VOG loopt binnenkort af:\n"
            "- Yara Haddad: geldig tot 2027-01-10 – https://k.nl/n/v\n"
            "\n"
            "Deze herinneringen uitzetten: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_VOG_EXPIRING, MailLanguage.EN): (
        "Kansrijk Match: a VOG ends soon",
        (
            "Dear Carla,\n"
            "\n"
            "This certificate of conduct (VOG) ends soon:\n"
            "- Yara Haddad: valid until 2027-01-10 – https://k.nl/n/v\n"
            "\n"
            "Turn these reminders off: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_CHECK_IN_OVERDUE, MailLanguage.NL): (
        "Kansrijk Match: contactmoment te lang geleden",
        (
            "Beste Amal,\n"
            "\n"
            "Bij deze trajecten is al lang geen contactmoment genoteerd:\n"
            "- gezin GZ-0042, laatste sinds 2026-10-01 – https://k.nl/n/t\n"
            "\n"
            "Deze herinneringen uitzetten: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_CHECK_IN_OVERDUE, MailLanguage.EN): (
        "Kansrijk Match: a check-in is overdue",
        (
            "Dear Amal,\n"
            "\n"
            "No check-in has been noted on these trajectories for a long time:\n"
            "- family GZ-0042, nothing since 2026-10-01 – https://k.nl/n/t\n"
            "\n"
            "Turn these reminders off: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_PLACEMENT_STARTING, MailLanguage.NL): (
        "Kansrijk Match: je stage begint volgende week",
        (
            "Beste Sanne,\n"
            "\n"
            "Je stage begint binnenkort:\n"
            "- De Regenboog, vanaf 2027-02-01: je dagdelen en je agendalink staan "
            "op https://k.nl/n/s\n"
            "\n"
            "Deze herinneringen uitzetten: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_PLACEMENT_STARTING, MailLanguage.EN): (
        "Kansrijk Match: your placement starts next week",
        (
            "Dear Sanne,\n"
            "\n"
            "Your placement starts soon:\n"
            "- De Regenboog, from 2027-02-01: your half-days and calendar link are "
            "at https://k.nl/n/s\n"
            "\n"
            "Turn these reminders off: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_TRAJECTORY_ENDING, MailLanguage.NL): (
        "Kansrijk Match: traject loopt binnenkort af",
        (
            "Beste Amal,\n"
            "\n"
            "Deze trajecten lopen binnenkort af:\n"
            "- gezin GZ-0042, verwacht einde 2027-01-15 – https://k.nl/n/t\n"
            "\n"
            "Deze herinneringen uitzetten: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_TRAJECTORY_ENDING, MailLanguage.EN): (
        "Kansrijk Match: a trajectory ends soon",
        (
            "Dear Amal,\n"
            "\n"
            "These trajectories end soon:\n"
            "- family GZ-0042, expected end 2027-01-15 – https://k.nl/n/t\n"
            "\n"
            "Turn these reminders off: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_RUN_SUMMARY, MailLanguage.NL): (
        "Kansrijk Match: samenvatting van de matching-run",
        (
            "Beste Carla,\n"
            "\n"
            "Run 12 (peildatum 2026-12-07) is klaar: 40 nieuwe voorstellen, 480 "
            "van 500 gezinnen gedekt, 80 studenten geplaatst.\n"
            "Bekijk de voorstellen: https://k.nl/n/r\n"
            "\n"
            "Deze herinneringen uitzetten: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_RUN_SUMMARY, MailLanguage.EN): (
        "Kansrijk Match: summary of the matching run",
        (
            "Dear Carla,\n"
            "\n"
            "Run 12 (as of 2026-12-07) is done: 40 new proposals, 480 of 500 "
            "families covered, 80 students placed.\n"
            "See the proposals: https://k.nl/n/r\n"
            "\n"
            "Turn these reminders off: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_PLACEMENT_ANSWER, MailLanguage.NL): (
        "Kansrijk Match: je stageplek wacht op je antwoord",
        (
            "Beste Sanne,\n"
            "\n"
            "Je hebt nog niet gezegd of je deze stageplek aanneemt:\n"
            "- De Regenboog: antwoord vóór 2026-12-12 op https://k.nl/n/s\n"
            "\n"
            "Deze herinneringen uitzetten: https://k.nl/n/p\n"
        ),
    ),
    (MailTemplate.NOTICE_PLACEMENT_ANSWER, MailLanguage.EN): (
        "Kansrijk Match: your placement waits for your answer",
        (
            "Dear Sanne,\n"
            "\n"
            "You have not yet said whether you take this placement:\n"
            "- De Regenboog: answer before 2026-12-12 at https://k.nl/n/s\n"
            "\n"
            "Turn these reminders off: https://k.nl/n/p\n"
        ),
    ),
}
PARAMS.update(NEW_PARAMS)
EXPECTED.update(NEW_EXPECTED)


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
