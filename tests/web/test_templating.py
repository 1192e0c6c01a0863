"""The templates' helpers: row URLs built once per table."""

from __future__ import annotations

import pytest
from flask import Flask, url_for

from web.templating import row_url


def test_a_row_url_is_the_url_for_that_row(app: Flask) -> None:
    """For every id, the builder gives what ``url_for`` gives."""
    with app.test_request_context("/"):
        edit = row_url("coordinator.person_edit", "person_id", kind="volunteers")
        for person_id in (1, 7, 2_000_000_011, 2**31 - 1):
            wanted = url_for("coordinator.person_edit", kind="volunteers", person_id=person_id)
            assert edit(person_id) == wanted


def test_a_row_url_needs_the_key_in_the_path(app: Flask) -> None:
    """A key that is not part of the URL is refused rather than ignored."""
    with app.test_request_context("/"), pytest.raises(ValueError, match="person_id"):
        row_url("coordinator.home", "person_id")
