"""CSV import: upload, check (every bad row with its line), then import the good rows."""

from __future__ import annotations

from flask import current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from matching.errors import FileProblem
from matching.models.common import require_id
from matching.tabular.columns import COLUMNS
from matching.tabular.export import csv_lines, template_csv
from matching.tabular.importer import apply_import, check_file
from matching.tabular.reading import UnreadableFile
from web.coordinator import bp, uploads
from web.coordinator.common import csv_response
from web.coordinator.forms import ConfirmImportForm, UploadForm
from web.coordinator.people import KIND
from web.database import db_session
from web.messages import field_message, file_problem
from web.portal.dates import today
from web.portal.users import acting_user

PREVIEW_ROWS = 20
# The pages show the first problems; the whole list is a CSV download (20,000 bad rows made a
# 56 MB page).
PROBLEMS_SHOWN = 200


def _upload_page(
    kind: str, form: UploadForm, error: str | None, status: int
) -> ResponseReturnValue:
    """The upload form, with the reason a file was refused."""
    return render_template(
        "coordinator/import.html",
        kind=kind,
        form=form,
        error=error,
        columns=COLUMNS[kind],
        limit=_size(current_app.config.get("MAX_CONTENT_LENGTH")),
    ), status


def _size(limit: int | None) -> str:
    """An upload limit in megabytes (or kilobytes when small)."""
    if not limit:
        return ""
    if limit >= 1024 * 1024:
        return f"{format_decimal(limit / (1024 * 1024), '#,##0.#')} MB"
    return f"{format_decimal(limit / 1024, '#,##0')} kB"


@bp.route(f"/import/{KIND}", methods=["GET", "POST"])
def import_upload(kind: str) -> ResponseReturnValue:
    """Upload a file and see what importing it would do."""
    form = UploadForm()
    if not form.validate_on_submit():
        return _upload_page(kind, form, None, 422 if request.method == "POST" else 200)
    raw = form.file.data.read()
    session = db_session()
    try:
        check = check_file(session, kind, raw, today())
    except UnreadableFile as problem:
        return _upload_page(kind, form, file_problem(problem), 422)
    token = uploads.keep(raw, user_id=require_id(acting_user()), kind=kind)
    return render_template(
        "coordinator/import_preview.html",
        kind=kind,
        check=check,
        filename=form.file.data.filename or "",
        confirm=ConfirmImportForm(token=token),
        preview=check.good[:PREVIEW_ROWS],
        problems=check.problems[:PROBLEMS_SHOWN],
        problems_url=url_for(".import_problems", kind=kind, token=token),
        field_message=field_message,
    )


@bp.route(f"/import/{KIND}/problems.csv")
def import_problems(kind: str) -> ResponseReturnValue:
    """Every problem of a checked file as CSV (line, column, value, problem)."""
    raw = uploads.load(request.args.get("token", ""), user_id=require_id(acting_user()), kind=kind)
    if raw is None:  # unknown, another user's or removed: not found, with the reason shown
        return _upload_page(
            kind, UploadForm(), file_problem(UnreadableFile(FileProblem.EXPIRED)), 404
        )
    try:
        check = check_file(db_session(), kind, raw, today())
    except UnreadableFile as problem:
        return _upload_page(kind, UploadForm(), file_problem(problem), 422)
    header = [_("Line"), _("Column"), _("Value"), _("Problem")]
    rows = ((p.line, p.column, p.value, field_message(p)) for p in check.problems)
    return csv_response(csv_lines(header, rows), f"kansrijk-{kind}-problems.csv")


@bp.route(f"/import/{KIND}/confirm", methods=["POST"])
def import_confirm(kind: str) -> ResponseReturnValue:
    """Import the checked file: every good row stored, every bad row reported."""
    form = ConfirmImportForm()
    user = acting_user()
    raw = uploads.load(form.token.data or "", user_id=require_id(user), kind=kind)
    if not form.validate_on_submit() or raw is None:
        return _upload_page(
            kind, UploadForm(), file_problem(UnreadableFile(FileProblem.EXPIRED)), 410
        )
    session = db_session()
    try:
        check = check_file(session, kind, raw, today())
    except UnreadableFile as problem:
        return _upload_page(kind, UploadForm(), file_problem(problem), 422)
    result = apply_import(session, check, user)
    session.commit()
    uploads.drop(form.token.data or "", user_id=require_id(user), kind=kind)
    return render_template(
        "coordinator/import_result.html",
        kind=kind,
        result=result,
        problems=result.problems[:PROBLEMS_SHOWN],
        field_message=field_message,
    )


@bp.route(f"/import/{KIND}/template.csv")
def import_template(kind: str) -> ResponseReturnValue:
    """An empty CSV file with the kind's columns."""
    return csv_response([template_csv(kind)], f"kansrijk-{kind}-template.csv")


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> ResponseReturnValue:
    """A file over the upload limit: the upload page says so (413)."""
    kind = (request.view_args or {}).get("kind")
    message = file_problem(
        UnreadableFile(
            FileProblem.TOO_LARGE, size=_size(current_app.config.get("MAX_CONTENT_LENGTH"))
        )
    )
    if kind not in COLUMNS:
        return render_template("errors/error.html", code=413, title=message, message=message), 413
    return _upload_page(kind, UploadForm(formdata=None), message, 413)
