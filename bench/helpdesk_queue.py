"""Times django-helpdesk 2.6's staff ticket list, the other side of bench/review_queue.py.

Goal (issue 10 #11): Common Ground's review queue at 100,000 complaints is at
least 3x faster (p95) than this ticket list on the same number of tickets on
the same machine and PostgreSQL. This script builds the helpdesk side so anyone
can rerun the comparison: it makes its own virtualenv (bench/.helpdesk-venv,
not committed) with the versions pinned in bench/requirements-helpdesk.txt,
loads N tickets (5% of them open, in 20 queues, one follow-up each, as
helpdesk's own intake makes) and times, through Django's test Client like
review_queue.py:

- the ticket list page (the HTML the staff member opens),
- its data request (the first 25 open tickets, which the page fetches at once),
- the data request for page 40, and for one queue only; and the page reloaded with
  one queue chosen in its filter form plus that data request (what a person waits
  for after choosing a queue).

Each line prints p50 and p95 over M requests and the queries of one request; the
figures are also saved by size in bench/.helpdesk-results.json (not committed) so
bench/review_queue.py can print its ratios against them.
With ``--serve SIZE`` it times nothing by itself: bench/review_queue.py --helpdesk
starts it and asks for one line at a time between its own requests (``serve``).

Run: .venv/bin/python bench/helpdesk_queue.py [sizes] [requests]
     (defaults: 1000,100000 and 50; DATABASE_URL defaults to the dev cluster's
     postgres://commonground@127.0.0.1:25432/cg_bench_helpdesk, created if missing and
     emptied before each size).
"""

import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".helpdesk-venv"
REQUIREMENTS = HERE / "requirements-helpdesk.txt"
DEFAULT_DATABASE_URL = "postgres://commonground@127.0.0.1:25432/cg_bench_helpdesk"
RESULTS = HERE / ".helpdesk-results.json"  # read by bench/review_queue.py to print its ratios
QUEUES = 20
OPEN_SHARE = 0.05


sys.path.insert(0, str(HERE))
from timing import record, timed  # noqa: E402  (the same timing as review_queue.py)


def _in_helpdesk_venv() -> None:
    """Re-runs this script with the helpdesk virtualenv's Python, installing it first if needed."""
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / "installed-requirements.txt"
    wanted = REQUIREMENTS.read_text()
    if not stamp.exists() or stamp.read_text() != wanted:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
        stamp.write_text(wanted)
    os.execve(str(python), [str(python), __file__, *sys.argv[1:]], {**os.environ, "HELPDESK_BENCH_VENV": "1"})


def _database_ready(url: str) -> None:
    """Creates the bench database when the cluster does not have it yet."""
    from urllib.parse import urlparse

    import psycopg

    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


def _setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    _database_ready(os.environ["DATABASE_URL"])
    os.environ["DJANGO_SETTINGS_MODULE"] = "helpdesk_settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(total: int):
    """``total`` tickets over 20 queues, 5% open, each with its opening follow-up; returns the staff user."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone
    from helpdesk.models import FollowUp, Queue, Ticket

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE helpdesk_followup, helpdesk_ticket RESTART IDENTITY CASCADE")
    queues = [
        Queue.objects.get_or_create(slug=f"school-{n}", defaults={"title": f"School {n}"})[0] for n in range(QUEUES)
    ]
    staff, _ = get_user_model().objects.get_or_create(
        username="coordinator", defaults={"is_staff": True, "email": "coordinator@example.org"}
    )
    now = timezone.now()
    open_every = round(1 / OPEN_SHARE)
    for start in range(0, total, 5000):
        tickets = []
        for n in range(start, min(start + 5000, total)):
            created = now - datetime.timedelta(minutes=n * 7)
            # One ticket in 20 is open, spread evenly over the queues.
            is_open = (n + n // QUEUES) % open_every == 0
            tickets.append(
                Ticket(
                    title=f"Complaint {n}: the officer searched a bag",
                    queue=queues[n % QUEUES],
                    created=created,
                    modified=created,
                    submitter_email=f"family{n}@example.org",
                    status=Ticket.OPEN_STATUS if is_open else Ticket.CLOSED_STATUS,
                    description="<p>The officer searched my bag.</p>",
                    priority=3,
                    due_date=created + datetime.timedelta(days=14) if is_open else None,
                    assigned_to=staff if is_open and n % 3 == 0 else None,
                )
            )
        Ticket.objects.bulk_create(tickets)
        FollowUp.objects.bulk_create(
            FollowUp(ticket=t, date=t.created, title="Ticket Opened", comment="", public=True) for t in tickets
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE helpdesk_ticket; ANALYZE helpdesk_followup")
    return staff, queues[3]


def _query(params: dict) -> str:
    """The base64 query the ticket list page hands to its data request."""
    return base64.urlsafe_b64encode(json.dumps(params).encode()).decode()


def _prepared(total: int, *, out=sys.stdout):
    """Seeds ``total`` tickets; returns a signed-in client, the URLs timed and how many tickets are open."""
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment
    from django.urls import reverse
    from helpdesk.models import Ticket

    started = time.perf_counter()
    staff, queue = seed(total)
    opened = Ticket.objects.filter(status=Ticket.OPEN_STATUS).count()
    seconds = time.perf_counter() - started
    print(f"\ndjango-helpdesk: {total} tickets ({opened} open), seeded in {seconds:.0f} s", file=out)
    client = Client()
    client.force_login(staff)
    page = reverse("helpdesk:list")
    # The page's context (its data request's query) is read once with Django's test
    # instrumentation on; the timings run without it, like review_queue.py, since
    # its signal and context copy per template rendered is not what a server pays.
    setup_test_environment()
    data = client.get(page).context["urlsafe_query"]
    teardown_test_environment()
    one_queue = _query(
        {
            "filtering": {"status__in": [1, 2], "queue__id__in": [queue.pk]},
            "filtering_null": {},
            "sorting": "created",
            "sortreverse": False,
            "search_string": "",
        }
    )
    rows = reverse("helpdesk:datatables_ticket_list", args=[data])
    one = reverse("helpdesk:datatables_ticket_list", args=[one_queue])
    urls = {
        "page": page,
        "first 25": rows + "?draw=1&start=0&length=25",
        "page 40": rows + "?draw=2&start=975&length=25",
        "one queue": one + "?draw=1&start=0&length=25",
        # Choosing a queue in the ticket list's filter form (a GET form) reloads the
        # page, which then makes the data request: a person waits for both.
        "page, one queue": f"{page}?queue={queue.pk}&status=1&status=2&sort=created",
    }
    for _ in range(3):  # warm up
        client.get(urls["page"])
        client.get(urls["first 25"])
    return client, urls, opened


# What a person waits for on each line compared with bench/review_queue.py: the requests, in order.
LINES = {
    "page + first 25 rows": ("page", "first 25"),
    "ticket list data, page 40": ("page 40",),
    "page + one queue rows": ("page, one queue", "one queue"),
    "ticket list data, one queue": ("one queue",),
}


def serve(total: int) -> None:
    """For bench/review_queue.py --helpdesk: seeds ``total`` tickets, says "ready", then
    for each line name read on stdin times one person's wait for that line (its
    requests, one after the other) and answers the milliseconds. The other side
    sends a line between its own requests, so both are timed at the same load."""
    client, urls, _opened = _prepared(total, out=sys.stderr)
    print("ready", flush=True)
    for name in sys.stdin:
        start = time.perf_counter()
        for key in LINES[name.strip()]:
            assert client.get(urls[key]).status_code == 200, urls[key]
        print(f"{(time.perf_counter() - start) * 1000:.3f}", flush=True)


def run(total: int, requests: int) -> dict:
    """Seeds ``total`` tickets, prints each line and returns its figures by label."""
    client, urls, opened = _prepared(total)
    results = {"tickets": total, "open": opened, "requests": requests, "load": [os.getloadavg()[0]]}
    page_times = timed(client, urls["page"], "ticket list page (HTML)", requests, results)
    row_times = timed(client, urls["first 25"], "ticket list data, first 25", requests, results)
    both = [a + b for a, b in zip(page_times, row_times, strict=True)]
    record(results, "page + first 25 rows", both)
    timed(client, urls["page 40"], "ticket list data, page 40", requests, results)
    one_times = timed(client, urls["one queue"], "ticket list data, one queue", requests, results)
    filtered_times = timed(client, urls["page, one queue"], "ticket list page, one queue (HTML)", requests, results)
    record(results, "page + one queue rows", [a + b for a, b in zip(filtered_times, one_times, strict=True)])
    # The machine's load while timing (1-minute load average, before and after),
    # which review_queue.py prints beside its own: compare runs made at a similar load.
    results["load"].append(os.getloadavg()[0])
    print(f"load average (1 min) while timing: {results['load'][0]:.1f} -> {results['load'][1]:.1f}")
    return results


if __name__ == "__main__":
    if os.environ.get("HELPDESK_BENCH_VENV") != "1":
        _in_helpdesk_venv()
    if sys.argv[1:2] == ["--serve"]:
        _setup()
        serve(int(sys.argv[2]))
        sys.exit()
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "1000,100000").split(",")]
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    _setup()
    saved = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for size in sizes:
        saved[str(size)] = run(size, requests)
        RESULTS.write_text(json.dumps(saved, indent=2) + "\n")
    print(f"\nFigures saved in {RESULTS.relative_to(HERE.parent)} (by number of tickets) for bench/review_queue.py.")
