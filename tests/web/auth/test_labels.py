"""Every sign-in audit code has a label on the coordinator's audit trail."""

from __future__ import annotations

from matching.signin.events import SigninAction, SigninEntity
from web.coordinator.labels import ACTION_LABELS, ENTITY_LABELS


def test_every_signin_entity_and_action_has_a_label():
    assert set(SigninEntity) <= set(ENTITY_LABELS)
    assert set(SigninAction) <= set(ACTION_LABELS)
