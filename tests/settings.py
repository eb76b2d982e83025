"""The settings module for the test suite: production settings, except that
tests talk plain HTTP to the test client and the live server.

The HTTPS-only production defaults are checked by tests/core/test_deploy_settings.py.
"""

import atexit
import os
import shutil
import tempfile

# Uploads go to a folder of this test run, removed at its end, not to var/uploads: the developer's own files stay
# apart, and two runs side by side (CI's two passes) never delete each other's files. Set before the settings read
# it; workers and servers the tests start inherit it.
if "UPLOAD_ROOT" not in os.environ:
    os.environ["UPLOAD_ROOT"] = tempfile.mkdtemp(prefix="cg-test-uploads-")
    atexit.register(shutil.rmtree, os.environ["UPLOAD_ROOT"], ignore_errors=True)

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
