"""Times survey taking under load: simulated respondents against gunicorn + PostgreSQL.

Goal (issue 11): 5,000 respondents, each answering a page every 30 s for 2
minutes, on this 2-core machine: p95 under 300 ms and no errors.

Each respondent sends one request every 30 s, as a person reading each page:
it opens a school's open link (GET: the survey's first page, which says what is
stored), presses Start 30 s later (POST, which answers with the first page of
questions), then every 30 s sends the page it is on (POST, answers as a browser
sends them, CSRF token and cookies included), which answers with the next page
itself (200); the fourth such POST stores the response and answers with the
thank-you page itself (200). Respondents start evenly spread over the first
30 s, so the load is steady: 5,000 / 30 s = about 170 requests a second. The
script prints p50/p95/max per request kind and for a "page turn" (what a person
waits for after pressing Next), the errors, and checks that every finished
respondent left exactly one stored response.

Run:
    DATABASE_URL=postgres://commonground@127.0.0.1:25432/cg_demo_taking .venv/bin/python bench/survey_taking.py
    ... bench/survey_taking.py [respondents] [minutes] [workers] [threads]   # defaults 5000 2 4 1 (sync workers)

Before timing, 16 respondents go straight through the survey (untimed), so every
gunicorn thread has its database connection and every page its rendered questions.

It creates its own database (``test_<name>``), migrates it, starts gunicorn
(bench/survey_settings.py: rate limits off, since every respondent comes from
127.0.0.1) on a free port in 18300-18399, and drops the database at the end.
Needs aiohttp (requirements-dev.txt).
"""

import asyncio
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

import aiohttp  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.server import database_url  # noqa: E402
from bench.survey_load import bank_questions  # noqa: E402
from surveys.demo_texts import PAGES  # noqa: E402
from surveys.forms import field_name  # noqa: E402
from surveys.models import QuestionKind, Response  # noqa: E402
from tests.factories import SchoolFactory  # noqa: E402
from tests.ports import free_port  # noqa: E402
from tests.surveys.builders import build_survey  # noqa: E402

THANKS = "Your answers to"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PORTS = range(18300, 18400)
TICK = 30.0  # seconds between two pages of one respondent


class Respondent:
    """One browser: its cookies, and the time and outcome of each request it sent."""

    def __init__(self, http: aiohttp.ClientSession, base: str, stats: dict):
        self.http, self.base, self.stats, self.cookies = http, base, stats, {}

    async def request(self, kind: str, method: str, path: str, data=None, expect=(200,)) -> tuple[str, str]:
        """Sends one request (redirects not followed); returns (body, Location)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        start = time.perf_counter()
        try:
            async with self.http.request(
                method, self.base + path, data=data, headers=headers, allow_redirects=False
            ) as response:
                body = await response.text()
                status, location = response.status, response.headers.get("Location", "")
                for header in response.headers.getall("Set-Cookie", []):
                    for key, morsel in SimpleCookie(header).items():
                        self.cookies[key] = morsel.value
        except (TimeoutError, aiohttp.ClientError) as error:
            self.stats["errors"].append(f"{kind}: {type(error).__name__}")
            raise
        finally:
            self.stats["times"].setdefault(kind, []).append((time.perf_counter() - start) * 1000)
            self.stats["timeline"].append((start, (time.perf_counter() - start) * 1000))
        if status not in expect:
            self.stats["errors"].append(f"{kind}: HTTP {status}")
            self.stats["bodies"].setdefault(f"{kind}: HTTP {status}", _text(body))
            raise RuntimeError(status)
        return body, location


def _text(html: str) -> str:
    """The visible text of an error page, shortened, to show once per kind of error."""
    main = html.split("<main", 1)[-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))[:400]


def _answers(pages: list[list], rng: random.Random) -> list[dict]:
    """What one respondent types, page by page (about one question in twenty skipped)."""
    answers = []
    for questions in pages:
        data = {}
        for question in questions:
            if rng.random() < 0.05 or question.is_text:
                continue
            codes = [c.code for c in question.choices.all()]
            if question.kind == QuestionKind.MULTIPLE:
                data[field_name(question)] = rng.sample(codes, 2)
            elif codes:
                data[field_name(question)] = rng.choice(codes)
        answers.append(data)
    return answers


async def respond(
    person: Respondent, start_path: str, answers: list[dict], delay: float, turns: int, tick: float = TICK
) -> bool:
    """One respondent's visit; True when it stored its response."""
    await asyncio.sleep(delay)
    began = time.perf_counter()
    try:
        body, _ = await person.request("start page (GET)", "GET", start_path)
        token = TOKEN.search(body).group(1)
        await asyncio.sleep(max(0.0, began + tick - time.perf_counter()))  # reads the first page, then Start
        body, _ = await person.request("start (POST)", "POST", start_path, {"csrfmiddlewaretoken": token})
        page_path = reverse("surveys:take_page")
        for number, data in enumerate(answers[:turns], start=1):
            await asyncio.sleep(max(0.0, began + (number + 1) * tick - time.perf_counter()))
            turn = time.perf_counter()
            token = TOKEN.search(body).group(1)
            form = [("csrfmiddlewaretoken", token), ("page", str(number)), ("next", "1")]
            form += [(k, v) for k, values in data.items() for v in (values if isinstance(values, list) else [values])]
            body, _ = await person.request("answers (POST)", "POST", page_path, form)
            person.stats["turns"].append((time.perf_counter() - turn) * 1000)
        return THANKS in body  # the last page answers with the thank-you page itself
    except (RuntimeError, TimeoutError, AttributeError, aiohttp.ClientError):
        return False


async def warm_up(base: str, start_path: str, pages: list[list], respondents: int = 16) -> None:
    """A few respondents straight through the survey, untimed, so every gunicorn thread has its
    database connection and every page its rendered questions, as on a server that has been up."""
    stats = {"times": {}, "turns": [], "errors": [], "bodies": {}, "timeline": []}
    rng = random.Random(0)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        visits = [
            respond(Respondent(http, base, stats), start_path, _answers(pages, rng), 0, len(pages), 0)
            for _ in range(respondents)
        ]
        await asyncio.gather(*visits)


async def load(base: str, start_path: str, pages: list[list], respondents: int, minutes: float) -> dict:
    stats = {"times": {}, "turns": [], "errors": [], "bodies": {}, "timeline": []}
    turns = min(len(pages), int(minutes * 60 // TICK))
    rng = random.Random(11)
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=1000, force_close=True)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()) as http:
        visits = [
            respond(Respondent(http, base, stats), start_path, _answers(pages, rng), n * TICK / respondents, turns)
            for n in range(respondents)
        ]
        started, cpu = time.perf_counter(), time.process_time()
        stats["began"] = started
        stats["finished"] = sum(await asyncio.gather(*visits))
        stats["seconds"] = time.perf_counter() - started
        stats["client_cpu"] = time.process_time() - cpu
    return stats


def _line(label: str, times: list[float]) -> str:
    if len(times) < 2:
        return f"  {label:<22} {len(times):6d} requests"
    p95 = statistics.quantiles(times, n=20)[18]
    return (
        f"  {label:<22} {len(times):6d}  p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms"
        f"  max {max(times):8.1f} ms"
    )


def _timeline(stats: dict, step: float = 15.0) -> str:
    """Requests sent and their p95, per ``step`` seconds of the run: where the load piles up."""
    buckets: dict[int, list[float]] = {}
    for sent, took in stats["timeline"]:
        buckets.setdefault(int((sent - stats["began"]) // step), []).append(took)
    cells = []
    for n, times in sorted(buckets.items()):
        p95 = statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]
        cells.append(f"{n * step:.0f}s: {len(times) / step:.0f}/s p95 {p95:.0f}")
    return "  timeline (sent at, requests/s, p95 ms): " + "; ".join(cells)


def report(stats: dict, respondents: int, workers: str) -> None:
    every = [t for times in stats["times"].values() for t in times]
    print(
        f"{respondents} respondents, gunicorn {workers}, PostgreSQL; {len(every)} requests in "
        f"{stats['seconds']:.0f} s ({len(every) / stats['seconds']:.0f}/s); {stats['finished']} finished"
    )
    for kind, times in stats["times"].items():
        print(_line(kind, times))
    print(_line("page turn", stats["turns"]))
    share = 100 * stats["client_cpu"] / stats["seconds"]
    print(f"  load generator CPU {stats['client_cpu']:.0f} s ({share:.0f}% of one core)")
    p95 = statistics.quantiles(every, n=20)[18] if len(every) > 1 else 0
    verdict = "met" if p95 < 300 and not stats["errors"] else "NOT met"
    print(_line("every request", every) + f"   goal p95 < 300 ms, no errors: {verdict}")
    print(_timeline(stats))
    errors = {}
    for error in stats["errors"]:
        errors[error] = errors.get(error, 0) + 1
    print(f"errors: {len(stats['errors'])}" + "".join(f"\n  {n:6d}  {e}" for e, n in sorted(errors.items())))
    for error, text in stats["bodies"].items():
        print(f"  first {error}: {text}")


def _gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.survey_settings", "DATABASE_URL": database_url()}
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"survey_taking_gunicorn_{port}.log", "w")  # noqa: SIM115
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers)]
    if threads > 1:  # threads overlap the waits on PostgreSQL (README, "Running in production")
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    command += ["--bind", f"127.0.0.1:{port}", "--backlog", "4096"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def _wait_for(base: str, path: str) -> None:
    import urllib.request

    for _ in range(300):
        try:
            urllib.request.urlopen(base + path, timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer.")


def main(respondents: int, minutes: float, workers: int, threads: int) -> None:
    if connection.vendor != "postgresql":
        sys.exit("bench/survey_taking.py needs PostgreSQL: set DATABASE_URL.")
    old = setup_databases(verbosity=0, interactive=False)
    server = None
    try:
        school = SchoolFactory()
        survey = build_survey(school.district, [school], questions=bank_questions([codes for *_, codes in PAGES]))
        pages = [list(page.questions.prefetch_related("choices")) for page in survey.pages.order_by("position")]
        start_path = reverse("surveys:take_start", args=[survey.public_id, school.slug])
        port = free_port(PORTS)
        server = _gunicorn(port, workers, threads)
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, start_path)
        asyncio.run(warm_up(base, start_path, pages))
        warmed = Response.objects.filter(survey=survey).count()
        stats = asyncio.run(load(base, start_path, pages, respondents, minutes))
        report(stats, respondents, f"{workers} workers" + (f" x {threads} threads" if threads > 1 else " (sync)"))
        stored = Response.objects.filter(survey=survey).count() - warmed
        print(f"responses stored: {stored} (finished respondents: {stats['finished']})")
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            print(f"gunicorn CPU (master and workers, whole run): {used.ru_utime + used.ru_stime:.0f} s")
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    main(
        int(arguments[0]) if arguments else 5000,
        float(arguments[1]) if len(arguments) > 1 else 2.0,
        int(arguments[2]) if len(arguments) > 2 else 4,
        int(arguments[3]) if len(arguments) > 3 else 1,
    )
