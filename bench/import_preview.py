"""`python -m bench.import_preview`: the CSV import check of a file with 19,999 bad rows.

Times the check page with the first 200 problems shown (now) against the same page listing
every problem (before), measured in the same run, and the page sizes.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

from matching.db import make_engine, session_scope
from seed import seed_database
from web.app import create_app
from web.coordinator import imports
from web.migrate import upgrade

ROWS = 19_999


def _file() -> bytes:
    header = "kenmerk;organisatie;postcode;talen;beschikbaarheid\r\n"
    rows = "".join(f"GEM-{n};gemeente-utrecht;0000 XX;nl;mon_am\r\n" for n in range(ROWS))
    return (header + rows).encode()


def _time_check(client, raw: bytes) -> tuple[float, int]:
    """Seconds and bytes of one check page."""
    started = time.perf_counter()
    response = client.post(
        "/coordinator/import/families",
        data={"file": (io.BytesIO(raw), "bad.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.status_code
    return time.perf_counter() - started, len(response.data)


def main() -> None:
    """Seed `small`, sign in, time the page capped and uncapped."""
    from datetime import date

    with tempfile.TemporaryDirectory(prefix="kansrijk-bench-import-") as folder:
        url = f"sqlite:///{Path(folder) / 'b.sqlite'}"
        upgrade(url)
        engine = make_engine(url)
        with session_scope(engine) as session:
            seed_database(session, size="small", seed=7, as_of=date(2026, 11, 26))
        engine.dispose()
        app = create_app({"TESTING": True, "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                          "SECRET_KEY": "bench-import-0123456789abcdefghijkl",
                          "KANSRIJK_UPLOAD_DIR": str(Path(folder) / "up")})  # fmt: skip
        client = app.test_client()
        login = {"email": "coordinator@kansrijk.demo", "password": "demo-coordinator"}
        assert client.post("/auth/login", data=login).status_code == 302
        raw = _file()
        capped_s, capped_bytes = _time_check(client, raw)
        shown = imports.PROBLEMS_SHOWN
        imports.PROBLEMS_SHOWN = 10**9  # the page as it was: every problem listed
        try:
            full_s, full_bytes = _time_check(client, raw)
        finally:
            imports.PROBLEMS_SHOWN = shown
        print(f"# import check of {ROWS:,} bad rows")
        print(f"{'page':<28} {'seconds':>8} {'MB':>8} {'× capped':>9}")
        for name, secs, size in (
            ("first 200 problems (now)", capped_s, capped_bytes),
            ("every problem (before)", full_s, full_bytes),
        ):
            print(f"{name:<28} {secs:>8.2f} {size / 1e6:>8.2f} {secs / capped_s:>9.1f}")


if __name__ == "__main__":
    main()
