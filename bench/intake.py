"""Times filing a complaint against a bare Django view that inserts one row, under gunicorn.

Goal (issue 10 #10): on PostgreSQL with gunicorn and 2 workers, the public
intake runs at >= 0.5x the speed of a bare Django view inserting one row. The
script files complaints through the real three-step form (each step one POST,
CSRF token and session as a browser has them, the body encoded as the page's
form says: multipart only on the step with files) and, alternating with it, POSTs
to the bare view; it prints the median time of one intake POST, of one whole
filing (three POSTs), of one bare insert, and the ratios bare/intake. A
third view writes the rows the filing step writes, with the same statements
(counted and printed), but bare: no form, checks, sanitising, hashing or
encryption; it shows what the filing's own writes cost, whatever the code
around them.

Run:
    DATABASE_URL=postgres://commonground@127.0.0.1:25432/cg_intake_bench .venv/bin/python bench/intake.py [filings]

It creates its own throwaway database (``test_<name>``), migrates it, starts
gunicorn on a free port of 127.0.0.1 in BENCH_PORT_FIRST..BENCH_PORT_LAST
(18400-18499 by default; the machine's ports are shared) with
bench/intake_settings.py, and drops the database at the end. The review flow
is not timed: filing queues its start as a job, and no worker runs here.
"""

import os
import re
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

from bench.server import database_url  # noqa: E402
from complaints.models import Draft  # noqa: E402
from tests.complaints.helpers import school_with_officer  # noqa: E402
from tests.ports import free_port  # noqa: E402

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MULTIPART = 'enctype="multipart/form-data"'


PORTS = range(int(os.environ.get("BENCH_PORT_FIRST", "18400")), int(os.environ.get("BENCH_PORT_LAST", "18499")) + 1)


def _steps(school_id: int) -> list[dict]:
    return [
        {
            "kind": "complaint",
            "filer_role": "guardian",
            "school": school_id,
            "occurred_on": "2026-11-02",
            "preferred_language": "en",
            "next": "1",
        },
        {
            "officer": "unknown",
            "allegations": ["search"],
            "description": "The officer searched my son's bag.",
            "location": "Front entrance",
            "next": "1",
        },
        {"contact_preference": "email", "contact_email": "family@example.org", "submit": "1"},
    ]


def _file_one(base: str, school_id: int) -> list[float]:
    """One complaint through the three steps, as a browser sends them; the time of each POST in ms."""
    session = requests.Session()
    page = session.get(f"{base}/complaints/new/")
    times, url = [], f"{base}/complaints/new/"
    for data in _steps(school_id):
        token = TOKEN.search(page.text).group(1)
        # As a browser sends the page's form: multipart (with the empty file input) only when the form says so.
        files = {"attachments": ("", b"", "application/octet-stream")} if MULTIPART in page.text else None
        start = time.perf_counter()
        response = session.post(url, {**data, "csrfmiddlewaretoken": token}, files=files, allow_redirects=False)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 302, (url, response.status_code, response.text[:500])
        url = (
            base + response.headers["Location"]
            if response.headers["Location"].startswith("/")
            else response.headers["Location"]
        )
        page = session.get(url)
    assert "/done/" in url, url
    return times


def _post(url: str) -> float:
    start = time.perf_counter()
    response = requests.post(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


@override_settings(ROOT_URLCONF="bench.intake_urls", ALLOWED_HOSTS=["testserver"])
def _statements(school_id: int, floor_path: str) -> tuple[int, int]:
    """The statements of the filing step and of the bare floor (BEGIN and COMMIT included), counted once in this
    process on the same database, through Django's test client."""
    client, url = Client(), "/complaints/new/"
    *before, contact = _steps(school_id)
    for data in before:
        url = client.post(url, data)["Location"]
    with CaptureQueriesContext(connection) as filing:
        assert client.post(url, contact).status_code == 302
    with CaptureQueriesContext(connection) as floor:
        assert Client().post(floor_path).status_code == 200
    return len(filing), len(floor)


def _durability() -> str:
    """Whether a COMMIT waits for the disk: every view here commits once per
    request, so a cluster started with fsync off (``-F``, as CI's is) leaves out
    the cost each of them pays in production."""
    with connection.cursor() as cursor:
        settings = []
        for name in ("fsync", "synchronous_commit"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name}={cursor.fetchone()[0]}")
    return ", ".join(settings)


def main(filings: int) -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/intake.py needs PostgreSQL: set DATABASE_URL (gunicorn cannot reach an in-memory SQLite).")
    old = setup_databases(verbosity=0, interactive=False)
    server = None
    try:
        school, _ = school_with_officer()
        port = free_port(PORTS)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.intake_settings", "DATABASE_URL": database_url()}
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):  # a busy machine may take a while to start gunicorn
            try:
                requests.get(f"{base}/complaints/new/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        insert_url = f"{base}/bench/insert/"
        draft = Draft.objects.create(token=secrets.token_urlsafe(32), data={}, expires_at=timezone.now())
        floor_url = f"{base}/bench/filing-rows/?draft={draft.token}&school={school.pk}"
        filing_statements, floor_statements = _statements(school.pk, floor_url.removeprefix(base))
        _file_one(base, school.pk), _post(insert_url), _post(floor_url)  # warm both workers' caches
        posts, filings_ms, inserts, floors, by_step = [], [], [], [], [[], [], []]
        for _ in range(filings):  # alternate, so a busy machine slows both sides alike
            steps = _file_one(base, school.pk)
            posts += steps
            for index, elapsed in enumerate(steps):
                by_step[index].append(elapsed)
            filings_ms.append(sum(steps))
            inserts += [_post(insert_url) for _ in range(3)]
            floors.append(_post(floor_url))
        post, filing, insert, floor = (statistics.median(x) for x in (posts, filings_ms, inserts, floors))
        print(f"database: {connection.vendor} ({_durability()}), gunicorn 2 workers, {filings} filings")
        print(f"bare view inserting one row   median {insert:7.1f} ms")
        print(f"one intake step (POST)        median {post:7.1f} ms   speed ratio {insert / post:5.2f}x (goal >= 0.5x)")
        print(f"one whole filing (3 POSTs)    median {filing:7.1f} ms   per-filing ratio {insert / filing:5.2f}x")
        step_medians = [statistics.median(times) for times in by_step]
        for name, step in zip(("about", "incident", "contact (files it)"), step_medians, strict=True):
            print(f"  step {name:<22} median {step:7.1f} ms   ratio {insert / step:5.2f}x")
        contact = step_medians[2]
        print(f"the filing's rows, bare       median {floor:7.1f} ms   ratio {insert / floor:5.2f}x", end="")
        print(f"   (the contact step takes {contact / floor:4.2f}x this floor)")
        print(f"statements: the filing step {filing_statements}, its rows bare {floor_statements}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
