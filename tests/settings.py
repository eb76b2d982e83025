"""The settings module for the test suite: production settings, except that
tests talk plain HTTP to the test client and the live server.

The HTTPS-only production defaults are checked by tests/core/test_deploy_settings.py.
"""

import atexit
import os
import shutil
import tempfile

# The data folder (uploads, the generated secret key, mail files) is one of this test run, removed at its end, not
# var/: the developer's own files stay apart, and two runs side by side (CI's two passes) never delete each other's
# uploads nor write the secret key at the same moment. Set before the settings read it; the workers and servers the
# tests start inherit it.
if "DATA_DIR" not in os.environ:
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="cg-test-data-")
    atexit.register(shutil.rmtree, os.environ["DATA_DIR"], ignore_errors=True)

from config.settings import *  # noqa: E402, F403
from config.settings import STORAGES  # noqa: E402

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
