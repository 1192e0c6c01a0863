"""The coordinator's side of the volunteer loop: invitations (one or many), the offers page
(gaps with "fill now", open offers, starts not confirmed, the funnel) and answers recorded
for volunteers without an account."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from web.coordinator import bp
from web.portal.loop import STEPS, Step, answer, fill_now, invite, loop_page
from web.volunteer.labels import volunteer_labels


@bp.post("/volunteers/invite")
def invite_volunteers() -> ResponseReturnValue:
    """Invite the volunteers ticked in the list (any organisation's)."""
    ids = [int(v) for v in request.form.getlist("volunteer_id") if v.isdigit() and len(v) < 10]
    invite(ids, None)
    back = "experts" if request.form.get("list") == "experts" else "volunteers"
    return redirect(url_for("coordinator.people_list", kind=back))


@bp.route("/offers")
def offers() -> ResponseReturnValue:
    """Gaps to fill, offers waiting for an answer, matches that did not confirm a start."""
    return render_template("coordinator/offers.html", **loop_page(None), **loop_urls())


def loop_urls() -> dict[str, object]:
    """The loop's word lists and the coordinator's routes for the shared templates."""
    return {
        **volunteer_labels(),
        "step_url": lambda offer, step: url_for(
            "coordinator.offer_step", offer_id=offer.id, step=step
        ),
        "fill_url": lambda family_id: url_for("coordinator.fill_gap", family_id=family_id),
    }


@bp.post(f"/offers/<id:offer_id>/{STEPS}")
def offer_step(offer_id: int, step: str) -> ResponseReturnValue:
    """Record an answer or a first-meeting report for a volunteer."""
    answer(offer_id, Step(step), None)
    return redirect(url_for("coordinator.offers"))


@bp.post("/gaps/<id:family_id>/fill")
def fill_gap(family_id: int) -> ResponseReturnValue:
    """Run a repair for this family now, without waiting for Monday."""
    fill_now(family_id, None)
    return redirect(url_for("coordinator.offers"))
