"""Production settings: `check --deploy` is clean, headers are set, and the
embedded defaults stay safe. Each check runs manage.py in a fresh process so
the environment is exactly what an operator would give."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "k3y-for-tests-only-" + "x7Qp9" * 10,
    "ALLOWED_HOSTS": "commonground.example.org",
}


def _manage(*args, env_extra=None, tmp_path=None):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DEMO_MODE", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "DATA_DIR": str(tmp_path), **(env_extra or {})})
    # Each probe gets its own throwaway SQLite database, whatever the suite runs on.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/probe.sqlite3"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_only_a_secret_key_and_allowed_hosts(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_models_and_migrations_are_in_step(tmp_path):
    result = _manage("makemigrations", "--check", "--dry-run", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_unless_asked_and_a_secret_key_is_generated_outside_the_repo(tmp_path):
    probe = "from django.conf import settings as s; print(s.DEBUG, s.DEMO_MODE, s.SECRET_KEY[:8])"
    result = _manage("shell", "-c", probe, tmp_path=tmp_path)
    debug, demo, key_start = result.stdout.splitlines()[-1].split()
    assert (debug, demo) == ("False", "False")
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().startswith(key_start)
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_demo_mode_needs_debug(tmp_path):
    result = _manage("seed_demo", env_extra={"DEMO_MODE": "1"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEMO_MODE" in result.stderr


def test_a_misspelt_boolean_setting_is_refused_rather_than_guessed(tmp_path):
    result = _manage("check", env_extra={"DEBUG": "maybe"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


# Renders the sign-in page in a fresh process whose settings come from the
# environment given. Only the tables that page reads (allauth's social apps)
# are created, in memory: a full migrate per probe cost 5-25 s.
SIGN_IN_PAGE_PROBE = """
import django
django.setup()
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
with connection.schema_editor() as editor:
    for model in apps.get_app_config("socialaccount").get_models():
        editor.create_model(model)
setup_test_environment()
response = Client().get("/accounts/login/", secure=True)
assert response.status_code == 200, response.status_code
print(response.content.decode())
"""
SSO_PROVIDERS = {"GOOGLE_CLIENT_ID": "/accounts/google/login/", "MICROSOFT_CLIENT_ID": "/accounts/microsoft/login/"}


def _sign_in_page(tmp_path, env_extra):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_MODE", "DJANGO_SETTINGS_MODULE", *SSO_PROVIDERS}
    }
    env.update(PRODUCTION_ENV, ALLOWED_HOSTS="testserver", STATIC_MANIFEST="0", DATA_DIR=str(tmp_path))
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DATABASE_URL="sqlite://:memory:", **env_extra)
    result = subprocess.run(
        [sys.executable, "-c", SIGN_IN_PAGE_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(("variable", "provider_url"), SSO_PROVIDERS.items())
def test_staff_single_sign_on_is_switched_on_by_settings_alone(tmp_path, variable, provider_url):
    env = {variable: "client-id", variable.replace("ID", "SECRET"): "s"}
    assert provider_url in _sign_in_page(tmp_path, env)


def test_without_client_ids_the_sign_in_page_offers_no_single_sign_on(tmp_path):
    page = _sign_in_page(tmp_path, {})
    assert "<form" in page
    assert not [url for url in SSO_PROVIDERS.values() if url in page]
