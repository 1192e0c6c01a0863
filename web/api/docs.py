"""The OpenAPI document and the interactive documentation, with Swagger UI's files served
from the swagger-ui-py package: nothing is fetched from the internet."""

from __future__ import annotations

from pathlib import Path

import swagger_ui
from flask import Response, jsonify, render_template, send_from_directory
from flask.typing import ResponseReturnValue

from web.api import bp
from web.api.openapi import build_document

ASSETS = Path(swagger_ui.__file__).parent / "static"
SERVED = {"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"}


@bp.route("/openapi.json")
def openapi_document() -> ResponseReturnValue:
    """The OpenAPI 3.1 document of this API."""
    return jsonify(build_document())


@bp.route("/docs")
def docs() -> ResponseReturnValue:
    """Interactive documentation of the API."""
    return render_template("api/docs.html")


@bp.route("/docs/assets/<name>")
def docs_asset(name: str) -> ResponseReturnValue:
    """One of Swagger UI's files, from the installed package."""
    if name not in SERVED:
        return Response(status=404)
    return send_from_directory(ASSETS, name, max_age=86400)
