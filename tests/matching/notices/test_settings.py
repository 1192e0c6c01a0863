"""The notices' settings: safe defaults, values from the environment, bad ones named."""

from __future__ import annotations

import pytest

from matching.notices.settings import DEFAULT_BASE_URL, NoticeSettings


def test_defaults() -> None:
    found = NoticeSettings.from_env({})
    assert (found.remind_after_days, found.vog_weeks, found.check_in_weeks) == (3, 6, 8)
    assert (found.end_weeks, found.base_url) == (6, DEFAULT_BASE_URL)


def test_values_from_the_environment() -> None:
    found = NoticeSettings.from_env(
        {
            "KANSRIJK_REMIND_AFTER_DAYS": "2",
            "KANSRIJK_VOG_NOTICE_WEEKS": "8",
            "KANSRIJK_CHECK_IN_WEEKS": "4",
            "KANSRIJK_END_NOTICE_WEEKS": "10",
            "KANSRIJK_BASE_URL": "https://match.utrecht.nl/",
        },
    )
    assert (found.remind_after_days, found.vog_weeks, found.check_in_weeks) == (2, 8, 4)
    assert found.end_weeks == 10
    assert found.base_url == "https://match.utrecht.nl"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KANSRIJK_CHECK_IN_WEEKS", "0"),
        ("KANSRIJK_VOG_NOTICE_WEEKS", "six"),
        ("KANSRIJK_REMIND_AFTER_DAYS", "-1"),
        ("KANSRIJK_BASE_URL", "match.utrecht.nl"),
    ],
)
def test_a_bad_value_is_refused_naming_it(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        NoticeSettings.from_env({name: value})
