"""/healthz tells a monitor whether the site can take a complaint: database
reachable, upload folder writable with enough free space (issue 10 #3)."""

import datetime
import json
import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_healthy_site_answers_200_with_database_and_upload_space(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.UPLOAD_MIN_FREE_BYTES = 1024
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] is True
    assert body["uploads"]["writable"] is True
    assert body["uploads"]["free_bytes"] == pytest.approx(shutil.disk_usage(tmp_path).free, rel=0.01)
    assert list((tmp_path / "uploads").iterdir()) == []  # the probe file is removed
    assert "no-cache" in response["Cache-Control"]
    assert body["workers_alive"] == 0


def test_health_counts_the_job_workers_that_beat_within_the_timeout(client, settings, tmp_path):
    from core.models import WorkerHeartbeat

    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.UPLOAD_MIN_FREE_BYTES = 1024
    settings.JOB_HEARTBEAT_TIMEOUT_SECONDS = 60
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="timers", beat_at=now - datetime.timedelta(seconds=5))
    WorkerHeartbeat.objects.create(worker_id="mail", beat_at=now - datetime.timedelta(seconds=10))
    WorkerHeartbeat.objects.create(worker_id="killed", beat_at=now - datetime.timedelta(seconds=300))
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["workers_alive"] == 2
    WorkerHeartbeat.objects.all().delete()
    assert client.get("/healthz").status_code == 200  # no worker: pages are still served; monitors warn on 0


def test_an_upload_folder_that_cannot_take_a_file_answers_503(client, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the upload folder should be")
    settings.MEDIA_ROOT = blocked / "uploads"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["uploads"]["writable"] is False and body["uploads"]["error"]


def test_an_almost_full_disk_answers_503_before_uploads_fail(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MIN_FREE_BYTES = shutil.disk_usage(tmp_path).free * 2
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["uploads"]["writable"] is True


def test_a_database_that_does_not_answer_gives_503(tmp_path):
    """Run in a fresh process whose database cannot be opened (the suite's own
    database cannot be taken away under it)."""
    script = (
        "import django, json; django.setup();"
        "from django.test.utils import setup_test_environment; setup_test_environment();"
        "from django.test import Client; r = Client().get('/healthz');"
        "print(json.dumps({'code': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing-folder/db.sqlite3",
        "DATA_DIR": str(tmp_path),
        "UPLOAD_ROOT": str(tmp_path / "uploads"),
        "UPLOAD_MIN_FREE_BYTES": "0",
    }
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=django_settings.BASE_DIR,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == 503
    assert result["body"]["database"] is False and result["body"]["uploads"]["writable"] is True
