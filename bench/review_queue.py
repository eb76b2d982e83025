"""Times the staff review queue and case page with a large complaint history.

Goal: with 100,000 complaints on file (5,000 of them under review), the
coordinator's queue page (first page, and filtered by school + overdue) and a
case page each render in under 300 ms, with the same number of queries as the
tests pin. Run: .venv/bin/python bench/review_queue.py [complaints] [under_review]
(SQLite throwaway database by default; set DATABASE_URL to time PostgreSQL).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

call_command("migrate", verbosity=0)
setup_test_environment()

from accounts.models import Role  # noqa: E402
from complaints.models import Complaint  # noqa: E402
from tests.factories import ComplaintFactory, SchoolFactory, member  # noqa: E402
from workflows.review.start import review_start  # noqa: E402


def seed(total: int, under_review: int):
    schools = [SchoolFactory()]
    schools += [SchoolFactory(district=schools[0].district) for _ in range(19)]
    coordinator = member(Role.COORDINATOR, district=schools[0].district)
    template = ComplaintFactory.build(school=schools[0])
    rows = []
    for n in range(total - under_review):
        row = Complaint(
            **{f.attname: getattr(template, f.attname) for f in Complaint._meta.concrete_fields if f.attname != "id"}
        )
        row.tracking_code, row.submission_token, row.school_id = f"CG-B{n:07d}", None, schools[n % 20].pk
        rows.append(row)
    import uuid

    for row in rows:
        row.submission_token = uuid.uuid4()
    Complaint.objects.bulk_create(rows, batch_size=2000)
    for n in range(under_review):
        review_start(ComplaintFactory(school=schools[n % 20]))
    return coordinator, schools[3]


def timed(client, url, label):
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    print(f"{label:<40} {elapsed:8.1f} ms  {len(queries):3d} queries")


if __name__ == "__main__":
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    under_review = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    started = time.perf_counter()
    coordinator, school = seed(total, under_review)
    print(f"seeded {total} complaints ({under_review} under review) in {time.perf_counter() - started:.0f} s")
    client = Client()
    client.force_login(coordinator)
    client.get("/staff/reviews/")  # warm up
    timed(client, "/staff/reviews/", "queue, first page")
    timed(client, "/staff/reviews/?page=40", "queue, page 40")
    timed(client, f"/staff/reviews/?school={school.pk}&overdue=1", "queue, one school, overdue")
    timed(client, f"/staff/reviews/{Complaint.objects.filter(process__isnull=False).last().pk}/", "case page")
