"""A recruitment plan's profile as a scenario change: "add this recruit" in one click."""

from __future__ import annotations

from typing import Any

from matching.recruitment.profiles import Profile
from matching.vocab import ChangeKind


def recruit_change(profile: Profile, count: int = 1) -> dict[str, Any]:
    """The fields of an "add volunteers" change for ``count`` recruits of the profile."""
    return {
        "kind": ChangeKind.ADD_VOLUNTEERS,
        "count": count,
        "organisation_id": profile.organisation_id,
        "languages": list(profile.languages),
        "district": profile.district,
        "postcode_area": profile.postcode_area,
        "half_days": list(profile.half_days),
        "gender": profile.gender,
        "volunteer_kind": profile.kind,
    }
