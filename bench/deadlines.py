"""Times school-day arithmetic over a realistic district calendar.

Goal: add_school_days for a 30-school-day review, started on any day of a
year with ~15 holidays, winter and spring breaks and a summer break, takes
under 2 ms on average including its one query (SQLite, throwaway database).

Run: .venv/bin/python bench/deadlines.py
"""

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
_DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{_DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)

from accounts.models import District  # noqa: E402
from workflows.calendar import add_school_days, school_days_between  # noqa: E402
from workflows.models import SchoolCalendarClosure  # noqa: E402


def seed() -> District:
    district = District.objects.create(name="Bench district", slug="bench")
    closures = []
    for year in range(2024, 2028):
        for month, day in [(1, 1), (1, 20), (2, 17), (5, 26), (7, 4), (9, 1), (10, 13), (11, 11), (11, 27)]:
            closures.append((f"Holiday {year}-{month}", dt.date(year, month, day), dt.date(year, month, day)))
        closures.append((f"Winter {year}", dt.date(year, 12, 22), dt.date(year + 1, 1, 2)))
        closures.append((f"Spring {year}", dt.date(year, 3, 17), dt.date(year, 3, 21)))
        closures.append((f"Summer {year}", dt.date(year, 6, 2), dt.date(year, 8, 15)))
    SchoolCalendarClosure.objects.bulk_create(
        SchoolCalendarClosure(district=district, name=n, kind="break", starts_on=a, ends_on=b) for n, a, b in closures
    )
    return district


def timed(label: str, runs: int, fn) -> None:
    started = time.perf_counter()
    for i in range(runs):
        fn(i)
    per_call = (time.perf_counter() - started) / runs * 1000
    print(f"{label:<48} {per_call:7.3f} ms per call ({runs} calls)")


def main() -> None:
    district = seed()
    start = dt.date(2025, 1, 1)
    timed("add_school_days, 2 days", 730, lambda i: add_school_days(district, start + dt.timedelta(days=i), 2))
    timed("add_school_days, 30 days", 730, lambda i: add_school_days(district, start + dt.timedelta(days=i), 30))
    timed("add_school_days, 180 days", 365, lambda i: add_school_days(district, start + dt.timedelta(days=i), 180))
    timed(
        "school_days_between, one year",
        365,
        lambda i: school_days_between(district, start + dt.timedelta(days=i), start + dt.timedelta(days=i + 365)),
    )


if __name__ == "__main__":
    main()
