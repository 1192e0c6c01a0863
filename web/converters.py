"""URL converters: every record id in a URL goes through ``<id:…>``.

An id outside 1 … 2**31 − 1 (the range of the database's integer keys) does not match the
route, so ``/organisation/families/99999999999999999999`` answers 404, never a database
error.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """A positive record id that fits the database's integer key."""

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, fixed_digits=0, min=1, max=MAX_ID)


def register_converters(app: Flask) -> None:
    """Make ``<id:name>`` available to every route of the app."""
    app.url_map.converters["id"] = IdConverter
