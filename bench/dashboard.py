"""Times the public dashboard under load at 100,000 complaints, against the home page measured in the same run.

Goal (issue 14): p95 under 100 ms under load at 100,000 complaints (what is published is cached, and the cache is
emptied on publication). The script makes a throwaway PostgreSQL database (``test_<name>`` beside the one
DATABASE_URL names), loads one district of 20 schools with N complaints spread over the school year (one
allegation each, 70% closed with an outcome letter), publishes the year through ``release_publish`` (timed), starts
gunicorn (2 workers) on a free port of 127.0.0.1 (8160-8169) and sends requests from several threads at once: the
dashboard (district; one school; in Spanish), its methodology page, one open-data CSV, and the home page as the baseline
(the same middleware, header and footer, no figures). Requests of every kind are interleaved, so a busy machine
slows them alike. It prints p50/p95 per page, each page's p95 ratio to the baseline's, and whether every p95 is
under 100 ms. The first request after publication (the cache being filled) is timed apart.

Run:
    DATABASE_URL=postgres://commonground@127.0.0.1:25432/cg_dashboard .venv/bin/python bench/dashboard.py
    .venv/bin/python bench/dashboard.py [complaints] [requests per page] [threads]   # defaults 100000 200 8
"""

import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import School  # noqa: E402
from assessment.services.releases import release_publish  # noqa: E402
from bench.server import database_url  # noqa: E402
from complaints.models import Allegation, AllegationCategory, Complaint, OutcomeLetter  # noqa: E402
from core.schoolyear import school_year_bounds  # noqa: E402
from tests.factories import DistrictFactory, SchoolFactory  # noqa: E402
from tests.ports import free_port  # noqa: E402

SCHOOLS = 20
YEAR = 2025
BATCH = 5000
GOAL_MS = 100
CSV_TABLE = "complaints_by_allegation"


def _load(total: int):
    """One district, 20 schools, ``total`` complaints of school year YEAR; returns the district."""
    district = DistrictFactory(name="Bench district")
    schools = [SchoolFactory(district=district, name=f"School {n:02d}") for n in range(SCHOOLS)]
    categories = AllegationCategory.values
    first, _last = school_year_bounds(YEAR)
    for start in range(0, total, BATCH):
        made = Complaint.objects.bulk_create(
            Complaint(
                tracking_code=uuid.uuid4().hex[:16],
                pin_hash="x",
                school=schools[n % SCHOOLS],
                occurred_on=first,
                filer_role="student",
                description="Bench.",
                preferred_language="en",
            )
            for n in range(start, min(total, start + BATCH))
        )
        Allegation.objects.bulk_create(
            Allegation(complaint=c, category=categories[c.pk % len(categories)], final_finding="not_sustained")
            for c in made
        )
        OutcomeLetter.objects.bulk_create(
            OutcomeLetter(complaint=c, body="Outcome.", published_at=timezone.now()) for c in made if c.pk % 10 < 7
        )
    with connection.cursor() as cursor:
        # Spread the filings over the year and close each 1-90 days later.
        cursor.execute(
            "UPDATE complaints_complaint SET created_at = %s::timestamptz + (id %% 330) * interval '1 day'",
            [f"{first.isoformat()}T15:00:00+00:00"],
        )
        cursor.execute(
            "UPDATE complaints_outcomeletter o SET published_at = c.created_at + (c.id % 90 + 1) * interval '1 day' "
            "FROM complaints_complaint c WHERE c.id = o.complaint_id"
        )
        cursor.execute("ANALYZE")
    return district


def _get(session: requests.Session, url: str, headers: dict) -> float:
    start = time.perf_counter()
    response = session.get(url, headers=headers)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


def _under_load(base: str, pages: dict, per_page: int, threads: int) -> dict[str, list[float]]:
    jobs = [label for label in pages for _ in range(per_page)]
    random.Random(14).shuffle(jobs)  # every kind of page spread over the whole run
    times: dict[str, list[float]] = {label: [] for label in pages}
    local = threading.local()
    lock = threading.Lock()

    def one(label: str) -> None:
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        url, headers = pages[label]
        elapsed = _get(session, base + url, headers)
        with lock:
            times[label].append(elapsed)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, jobs))
    return times


def _report(times: dict[str, list[float]], baseline: str) -> None:
    base_p95 = _p95(times[baseline])
    worst = 0.0
    for label, samples in times.items():
        p95 = _p95(samples)
        worst = max(worst, p95) if label != baseline else worst
        ratio = "" if label == baseline else f"   {p95 / base_p95:5.2f}x baseline p95"
        print(f"  {label:<34} p50 {statistics.median(samples):7.1f} ms  p95 {p95:7.1f} ms{ratio}")
    verdict = "met" if worst < GOAL_MS else "NOT met"
    print(f"worst dashboard p95 {worst:.1f} ms: goal p95 < {GOAL_MS} ms {verdict}")


def main(total: int, per_page: int, threads: int) -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/dashboard.py needs PostgreSQL: set DATABASE_URL (gunicorn cannot reach in-memory SQLite).")
    old = setup_databases(verbosity=0, interactive=False)
    server = None
    try:
        started = time.perf_counter()
        district = _load(total)
        print(f"loaded {Complaint.objects.count():,} complaints in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        release = release_publish(district=district, school_year=YEAR, assessment={"summary": "Bench"}, by=None)
        print(f"release_publish at {total:,} complaints: {(time.perf_counter() - started) * 1000:.0f} ms")
        school = School.objects.filter(district=district).order_by("pk").first()
        port = free_port(range(8160, 8170))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.survey_settings", "DATABASE_URL": database_url()}
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                requests.get(f"{base}/", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        session = requests.Session()
        first = _get(session, base + "/dashboard/", {})
        print(f"first dashboard request after publication (fills the cache): {first:.0f} ms")
        english, spanish = {"Accept-Language": "en"}, {"Accept-Language": "es"}
        pages = {
            "baseline: home page": ("/", english),
            "dashboard, district": ("/dashboard/", english),
            "dashboard, one school": (f"/dashboard/?school={school.pk}", english),
            "dashboard, district, Spanish": ("/dashboard/", spanish),
            "methodology": ("/dashboard/methodology/", english),
            "open data CSV (by allegation)": (
                f"/dashboard/releases/{release.pk}/data/complaints_by_allegation.csv",
                english,
            ),
        }
        for url, headers in pages.values():  # warm both workers
            _get(session, base + url, headers)
            _get(requests.Session(), base + url, headers)
        print(f"{per_page} requests per page from {threads} threads at once, gunicorn 2 workers, {total:,} complaints:")
        _report(_under_load(base, pages, per_page, threads), "baseline: home page")
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    numbers = [int(arg) for arg in sys.argv[1:]]
    main(*(numbers + [100_000, 200, 8][len(numbers) :]))
