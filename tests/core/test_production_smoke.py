"""Production starts: with DEBUG off, `collectstatic` succeeds and gunicorn
serves the public pages, sign-in and the staff area with hashed static file
names that WhiteNoise serves itself.

gunicorn runs the real production settings (config.settings, nothing from
tests/settings.py) against the test database: PostgreSQL when DATABASE_URL
says so, otherwise a file copy of the SQLite test database. It talks plain
HTTP on 127.0.0.1 and says it is behind the TLS proxy (X-Forwarded-Proto),
as the README's production set-up does. gunicorn listens on a free port, or on
$SMOKE_PORT when set (for machines where each person has a port range).
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from accounts.mfa import current_totp_code
from accounts.models import Role
from config.staff import site as staff_site
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, SchoolFactory, UserFactory, member
from tests.ports import free_port

pytestmark = [pytest.mark.smoke, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
HASHED_CSS = re.compile(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"')


def _production_env(tmp: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY="smoke-test-key-" + "Zq81x" * 10,
        ALLOWED_HOSTS="127.0.0.1",
        DATA_DIR=str(tmp / "data"),
        STATIC_ROOT=str(tmp / "static"),
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic, exactly as a release runs it."""
    tmp = tmp_path_factory.mktemp("release")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=_production_env(tmp, DATABASE_URL=f"sqlite:///{tmp}/unused.sqlite3"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp / "static" / "staticfiles.json").exists()
    return tmp


def _test_database_url(tmp: Path) -> str:
    """A URL of the test database that another process can open."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db["USER"]) + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
        return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    # The SQLite test database lives in memory: hand gunicorn a file copy.
    import sqlite3

    copy = tmp / "smoke.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}"


def _free_port() -> int:
    if os.environ.get("SMOKE_PORT"):
        return int(os.environ["SMOKE_PORT"])
    return free_port()


class Browser:
    """Just enough of a browser: keeps cookies (the secure ones too, since the
    proxy in front would speak HTTPS) and never follows redirects by itself."""

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.headers = {"X-Forwarded-Proto": "https", "Origin": base.replace("http://", "https://")}

    def _send(self, method, path, **kwargs):
        response = requests.request(
            method,
            self.base + path,
            headers=self.headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path):
        return self._send("GET", path)

    def post(self, path, data):
        return self._send("POST", path, data={"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data})


def _with_production_password(user):
    # The production settings check passwords with the production hasher.
    user.password = PBKDF2PasswordHasher().encode(TEST_PASSWORD, "smoketestsalt")
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def coordinator():
    SchoolFactory(name="Lincoln High")
    return _with_production_password(member(Role.COORDINATOR, email="coordinator@district.example.org"))


@pytest.fixture
def operator():
    return _with_production_password(
        UserFactory(email="operator@district.example.org", is_staff=True, is_superuser=True, mfa=True)
    )


@pytest.fixture
def site(static_root, coordinator, operator):
    """gunicorn with the production settings on a free port, started once the
    test's rows exist (the SQLite copy is taken then); yields a Browser."""
    port = _free_port()
    env = _production_env(static_root, DATABASE_URL=_test_database_url(static_root))
    log = (static_root / "gunicorn.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    browser = Browser(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                browser.get("/")
                break
            except requests.ConnectionError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield browser
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.seek(0)
        output = log.read()
        log.close()
        # A page that answered 500 left its traceback here.
        assert "Traceback" not in output, output


def _assert_page_with_hashed_static(browser, path):
    response = browser.get(path)
    # Some staff indexes lead on to their first page.
    while response.status_code == 302 and response.headers["Location"].startswith(path):
        path = response.headers["Location"]
        response = browser.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    css = HASHED_CSS.search(response.text)
    assert css, f"{path} links no hashed stylesheet"
    stylesheet = browser.get(css.group(1))
    assert stylesheet.status_code == 200
    assert stylesheet.headers["Content-Type"].startswith("text/css")
    # WhiteNoise marks hashed names cacheable for ever.
    assert "immutable" in stylesheet.headers["Cache-Control"]
    return response


def test_home_intake_sign_in_and_staff_pages_work_with_debug_off(site, coordinator):
    for path in ["/", "/complaints/new/", "/accounts/login/"]:
        _assert_page_with_hashed_static(site, path)

    staff = site.get("/staff/")
    assert staff.status_code == 302
    assert staff.headers["Location"].startswith("/accounts/login/")

    _sign_in(site, coordinator)
    for app in staff_site.viewsets:
        _assert_page_with_hashed_static(site, reverse(f"staff:{app.app_name}:index"))


def test_operators_reach_the_admin_with_its_own_hashed_static_files(site, operator):
    _sign_in(site, operator)
    admin = site.get("/admin/")
    assert admin.status_code == 200, admin.status_code
    css = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', admin.text)
    assert css, "the admin links no hashed stylesheet"
    assert site.get(css.group(1)).status_code == 200


def _sign_in(browser, user):
    """Password, then the authenticator code, as a person would."""
    browser.get("/accounts/login/")
    signed_in = browser.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert signed_in.status_code == 302, signed_in.text
    assert signed_in.headers["Location"] == "/accounts/2fa/authenticate/"
    second = browser.post("/accounts/2fa/authenticate/", {"code": current_totp_code(TEST_TOTP_SECRET)})
    assert second.status_code == 302, second.text
