"""Settings for bench/survey_taking.py's gunicorn: the test settings, no rate limits in the way
(every simulated respondent comes from 127.0.0.1)."""

from tests.settings import *  # noqa: F403

SURVEY_STARTS_PER_HOUR = 10**9
SURVEY_CODE_ATTEMPTS_PER_HOUR = 10**9
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
