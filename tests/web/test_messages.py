"""Codes become Dutch sentences by their code, never by matching English text."""

from __future__ import annotations

from flask import Flask

from matching.decisions.lifecycle import LifecycleError
from matching.errors import LifecycleProblem, ProgressStep, progress_text
from matching.people.validation import FieldError
from solver.unplaced import SENTENCES, UnplacedReason
from web.messages import error_message, field_message, progress_message, unplaced_message


def test_codes_are_labelled_in_dutch(app: Flask) -> None:
    """Progress, unplaced reasons, refusals and field problems read in Dutch."""
    with app.test_request_context():
        assert progress_message(progress_text(ProgressStep.SOLVING, 12)) == (
            "Rekenen: 12 mogelijke tweetallen"
        )
        assert unplaced_message(UnplacedReason.TAKEN) == (
            "de passende dagdelen gingen naar andere studenten"
        )
        refused = LifecycleError(LifecycleProblem.NO_CAPACITY, "whatever English", name="Anna")
        assert error_message(refused) == "Anna heeft geen ruimte voor nog een gezin."
        too_long = FieldError("name", "x", "English text", "string_too_long", {"max_length": 5})
        assert field_message(too_long) == "Hooguit 5 tekens."


def test_rows_stored_before_the_codes_still_read(app: Flask) -> None:
    """A run stored before the codes kept the English sentence: it is looked up exactly."""
    with app.test_request_context():
        old = SENTENCES[UnplacedReason.NO_EDGE]
        assert unplaced_message(old) == unplaced_message(UnplacedReason.NO_EDGE) != old
        assert progress_message("solving 5 candidate pairs") == "solving 5 candidate pairs"
        assert unplaced_message("a reason no code knows") == "a reason no code knows"
