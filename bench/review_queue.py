"""Times the staff review queue at 1,000 and at 100,000 complaints.

Goal (issue 10 #11): on PostgreSQL, the p95 of every queue page at 100,000
complaints (5% of them under review: 5,000 open reviews) is at most 1.2x its
p95 at 1,000 complaints (50 under review), with the same number of queries
whatever the page or filters. The script prints p50/p95 and queries per page,
then the ratio per page and the worst ratio.

Run:
    DATABASE_URL=postgres://commonground@127.0.0.1:25432/cg_queue_bench .venv/bin/python bench/review_queue.py
    .venv/bin/python bench/review_queue.py [--keep] [--helpdesk] [small] [large] [requests]   # 1000 100000 60

With ``--helpdesk`` (PostgreSQL), django-helpdesk's ticket list on as many
tickets is timed too, in its own process and virtualenv (bench/helpdesk_queue.py
--serve; its database is HELPDESK_DATABASE_URL, by default the dev cluster's
cg_bench_helpdesk), one request of each compared line after each round of
ours: both sides at the same load. The script then prints how many times faster
than helpdesk our pages are (goal >= 3), from those interleaved samples; without
it, from the figures bench/helpdesk_queue.py saved when it last ran alone.

Each size gets its own throwaway database (``test_<name>_<size>`` beside the one
DATABASE_URL names; SQLite in a temporary folder by default), dropped at the end
unless ``--keep`` is given: then a later ``--keep`` run reuses the seeded data
(after applying any new migration) and only times.
Complaints under review go through the real ``review_start`` and
``triage_complete`` services, so tasks, due dates and routes are what the site
makes; about 10% are overdue and 2% escalated.
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Role, School, User  # noqa: E402
from complaints.models import Allegation, AllegationCategory, Complaint  # noqa: E402
from tests.factories import ComplaintFactory, SchoolFactory, member  # noqa: E402
from workflows.models import Route, TaskDue  # noqa: E402
from workflows.review import services  # noqa: E402
from workflows.review.start import review_start  # noqa: E402

SCHOOLS = 20
UNDER_REVIEW_SHARE = 0.05


class Data:
    """One district with 20 schools and its coordinator; grows to a number of complaints."""

    def __init__(self):
        self.schools = list(School.objects.order_by("pk"))
        if not self.schools:
            self.schools = [SchoolFactory()]
            self.schools += [SchoolFactory(district=self.schools[0].district) for _ in range(SCHOOLS - 1)]
            member(Role.COORDINATOR, district=self.schools[0].district)
        self.coordinator = User.objects.get(memberships__role=Role.COORDINATOR)
        self.reviewed = Complaint.objects.filter(process__isnull=False).count()
        self.filed = Complaint.objects.count()

    def grow(self, total: int) -> None:
        under_review = int(total * UNDER_REVIEW_SHARE)
        self._file_closed(total - under_review - (self.filed - self.reviewed))
        for n in range(self.reviewed, under_review):
            self._review(n)
        self.filed, self.reviewed = total, under_review
        self._age_due_dates()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _file_closed(self, count: int) -> None:
        template = ComplaintFactory.build(school=self.schools[0], public_status="closed")
        fields = [f.attname for f in Complaint._meta.concrete_fields if f.attname != "id"]
        rows = []
        for n in range(self.filed, self.filed + count):
            row = Complaint(**{name: getattr(template, name) for name in fields})
            row.tracking_code, row.school_id = f"CG-B{n:07d}", self.schools[n % SCHOOLS].pk
            row.submission_token = uuid.uuid4()
            rows.append(row)
        Complaint.objects.bulk_create(rows, batch_size=2000)

    def _review(self, n: int) -> None:
        complaint = ComplaintFactory(school=self.schools[n % SCHOOLS], pin_hash="x", tracking_code=f"CG-R{n:07d}")
        categories = AllegationCategory.values
        Allegation.objects.create(complaint=complaint, category=categories[n % len(categories)])
        review_start(complaint)
        route = [None, Route.SCHOOL, Route.POLICE, Route.BOTH][n % 4]
        if route:
            services.triage_complete(
                task=services.open_task(complaint, "triage"),
                user=self.coordinator,
                route=route,
                emergency=False,
                explanation="",
            )

    def _age_due_dates(self) -> None:
        now = timezone.now()
        for n, due in enumerate(TaskDue.objects.order_by("pk").only("pk")):
            if n % 10 == 0:
                TaskDue.objects.filter(pk=due.pk).update(due_at=now - timedelta(days=n % 7 + 1))
            if n % 50 == 1:
                TaskDue.objects.filter(pk=due.pk).update(escalated_at=now)


def _next_link(html: str) -> str | None:
    match = re.search(r'<a [^>]*href="([^"]+)"[^>]*rel="next"', html) or re.search(
        r'<a [^>]*rel="next"[^>]*href="([^"]+)"', html
    )
    return match.group(1).replace("&amp;", "&") if match else None


def deep_page(client, url: str, pages: int) -> str:
    """The URL of page ``pages`` of ``url``, reached by following "Next" links
    as a person would (or ``?page=`` when the page has no such link)."""
    for _ in range(pages - 1):
        nxt = _next_link(client.get(url).content.decode())
        if nxt is None:
            return f"{url}{'&' if '?' in url else '?'}page={pages}"
        url = nxt if nxt.startswith("/") else f"/staff/reviews/{nxt}"
    return url


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Size:
    """One seeded database and the queue pages timed on it."""

    def __init__(self, size: int, keep: bool):
        self.size, self.base = size, connection.settings_dict["NAME"]
        sqlite = connection.vendor == "sqlite"
        name = f"{str(self.base).removesuffix('.sqlite3')}_{size}.sqlite3" if sqlite else f"test_{self.base}_{size}"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
        self.name = connection.settings_dict["NAME"]
        data = Data()
        started = time.perf_counter()
        if data.filed != size:
            data.grow(size)
        ready = time.perf_counter() - started
        print(f"{size} complaints ({data.reviewed} under review) in {self.name}, ready in {ready:.0f} s")
        self.client = Client(HTTP_HOST="localhost")
        self.client.force_login(data.coordinator)
        self.pages = {
            "queue, first page": "/staff/reviews/",
            # School 0 has overdue triage tasks at every size (the 4th school had none:
            # its page was empty); the coordinator works no police review, so that step's
            # page was empty too: the school review step is timed instead.
            "queue, one school, overdue": f"/staff/reviews/?school={data.schools[0].pk}&overdue=1",
            "queue, school review, latest due first": "/staff/reviews/?step=school_review&sort=-due",
            "queue, one concern": "/staff/reviews/?category=search",
        }
        depth = 40 if size > 10_000 else 2
        self.pages["queue, deep page (40; 2 when small)"] = deep_page(self.client, "/staff/reviews/", depth)
        self.samples = {label: [] for label in self.pages}
        self.queries = {}
        for label, url in self.pages.items():
            with CaptureQueriesContext(connection) as queries:
                assert self.client.get(url).status_code == 200, url
            self.queries[label] = len(queries)
        self.leave()

    def enter(self) -> None:
        connection.close()
        connection.settings_dict["NAME"] = self.name
        connection.ensure_connection()  # connecting is not part of a page's time

    def leave(self) -> None:
        connection.close()
        connection.settings_dict["NAME"] = self.base

    def time_one(self, label: str) -> None:
        self.enter()
        self.client.get(self.pages[label])  # warm: the session and language are read once per visit
        start = time.perf_counter()
        response = self.client.get(self.pages[label])
        self.samples[label].append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (self.pages[label], response.status_code)
        self.leave()

    def report(self) -> None:
        print(f"{self.size} complaints:")
        for label, samples in self.samples.items():
            print(
                f"  {label:<44} p50 {statistics.median(samples):7.1f} ms  p95 {_p95(samples):7.1f} ms"
                f"  {self.queries[label]:3d} queries"
            )

    def drop(self) -> None:
        self.enter()
        connection.creation.destroy_test_db(self.base, verbosity=0)


HELPDESK_RESULTS = Path(__file__).resolve().parent / ".helpdesk-results.json"
# Our page -> the django-helpdesk line it is compared with (bench/helpdesk_queue.py).
HELPDESK_LINES = {
    "queue, first page": "page + first 25 rows",
    "queue, deep page (40; 2 when small)": "ticket list data, page 40",
    "queue, one school, overdue": "page + one queue rows",
}
# Also shown, for the reader: the data request alone (helpdesk's paging makes
# only that request; choosing a queue reloads the page too).
HELPDESK_ALSO = {"queue, one school, overdue": "ticket list data, one queue"}


class Helpdesk:
    """django-helpdesk's ticket list on ``size`` tickets, in its own process
    (bench/helpdesk_queue.py --serve), timed one compared line at a time."""

    def __init__(self, size: int):
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        if os.environ.get("HELPDESK_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["HELPDESK_DATABASE_URL"]
        script = Path(__file__).resolve().parent / "helpdesk_queue.py"
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(script), "--serve", str(size)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "ready", "bench/helpdesk_queue.py --serve did not start"
        self.samples = {line: [] for line in [*HELPDESK_LINES.values(), *HELPDESK_ALSO.values()]}

    def time_all(self) -> None:
        for line, samples in self.samples.items():
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
            samples.append(float(self.process.stdout.readline()))

    def figures(self) -> dict:
        return {
            line: {"p95_ms": round(_p95(s), 1), "p50_ms": round(statistics.median(s), 1)}
            for line, s in self.samples.items()
        }

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(60)


def helpdesk_compare(large: "Size", size: int, helpdesk: Helpdesk | None) -> None:
    """How many times faster (p95) than django-helpdesk's ticket list on as many
    tickets (goal >= 3): from the samples taken between ours (``helpdesk``), or
    else from the figures bench/helpdesk_queue.py saved when it ran alone."""
    import json

    if helpdesk:
        saved, how = helpdesk.figures(), "helpdesk timed between our requests"
    else:
        saved = json.loads(HELPDESK_RESULTS.read_text()).get(str(size)) if HELPDESK_RESULTS.exists() else None
        if not saved:
            print(f"no django-helpdesk figures for {size} tickets: run bench/helpdesk_queue.py {size} first")
            return
        load = saved.get("load")
        at = f", at load {load[0]:.1f} -> {load[1]:.1f}" if load else ""
        how = f"helpdesk measured separately{at}, see its run"
    print(f"django-helpdesk p95 / our p95 at {size} (goal >= 3; {how}):")
    for label, line in HELPDESK_LINES.items():
        ours, ours50 = _p95(large.samples[label]), statistics.median(large.samples[label])
        if line not in saved:
            print(f"  {label:<44} no helpdesk line {line!r}: rerun bench/helpdesk_queue.py {size}")
            continue
        theirs, theirs50 = saved[line]["p95_ms"], saved[line]["p50_ms"]
        also = ""
        if HELPDESK_ALSO.get(label) in saved:
            other = saved[HELPDESK_ALSO[label]]
            also = f"; vs {HELPDESK_ALSO[label]} only: {other['p95_ms'] / ours:4.2f}"
        print(
            f"  {label:<44} {theirs / ours:5.2f}  (p50: {theirs50 / ours50:4.2f}; helpdesk {line}:"
            f" p95 {theirs} ms{also})"
        )


def main() -> None:
    args = [a for a in sys.argv[1:] if a not in {"--keep", "--helpdesk"}]
    keep = "--keep" in sys.argv
    small_size = int(args[0]) if len(args) > 0 else 1_000
    large_size = int(args[1]) if len(args) > 1 else 100_000
    requests = int(args[2]) if len(args) > 2 else 60
    # No setup_test_environment(): its template instrumentation (a signal and a
    # context copy for every template rendered, each form widget and option
    # included) is test-only overhead a production page never pays.
    print(f"database: {connection.vendor}; {requests} requests per page and size")
    small, large = Size(small_size, keep), Size(large_size, keep)
    helpdesk = Helpdesk(large_size) if "--helpdesk" in sys.argv else None
    load = os.getloadavg()[0]
    # Requests alternate between the sizes (and helpdesk), so a busy machine slows all alike.
    for _ in range(requests):
        for label in small.pages:
            small.time_one(label)
            large.time_one(label)
        if helpdesk:
            helpdesk.time_all()
    print(f"load average (1 min) while timing: {load:.1f} -> {os.getloadavg()[0]:.1f}")
    small.report()
    large.report()
    print(f"p95 at {large_size} / p95 at {small_size} (goal <= 1.2):")
    ratios = []
    for label in small.pages:
        ratio = _p95(large.samples[label]) / _p95(small.samples[label])
        median = statistics.median(large.samples[label]) / statistics.median(small.samples[label])
        ratios.append(ratio)
        fastest = min(large.samples[label]) / min(small.samples[label])
        same = "same queries" if large.queries[label] == small.queries[label] else "QUERY COUNT DIFFERS"
        print(f"  {label:<44} {ratio:5.2f}  (p50: {median:4.2f}; fastest: {fastest:4.2f}; {same})")
    print(f"worst ratio: {max(ratios):.2f}")
    helpdesk_compare(large, large_size, helpdesk)
    if helpdesk:
        helpdesk.close()
    if not keep:
        small.drop()
        large.drop()


if __name__ == "__main__":
    main()
