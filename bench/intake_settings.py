"""Settings for bench/intake.py's gunicorn: the test settings, the bench URLs, no rate limits in the way."""

from tests.settings import *  # noqa: F403

ROOT_URLCONF = "bench.intake_urls"
COMPLAINT_FILINGS_PER_HOUR = 10**9
COMPLAINT_DRAFTS_PER_HOUR = 10**9
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
