"""The settings module for the test suite: production settings, except that
tests talk plain HTTP to the test client and the live server.

The HTTPS-only production defaults are checked by tests/core/test_deploy_settings.py.
"""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# No collectstatic before tests: serve static files by their plain names.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Fast password hashing: tests create many accounts; the real hasher is not under test.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No pruning by chance inside a counted request: the pinned statement counts stay exact (tests/core/test_ratelimit.py
# turns it on to check it).
RATE_COUNTER_PRUNE_ONE_IN = 0
