"""Where collectstatic and WhiteNoise find static files.

viewflow's wheel carries its Material theme (49 MB: fonts, icons, JS, CSS).
The staff area renders with this project's own templates and never links a
file of it, and its bundled Roboto CSS names font files the wheel does not
ship, so the hashed-name post-processing of collectstatic stops with an error
and, without a manifest, every page with DEBUG off answers 500. Leaving the
theme out fixes that at the root and keeps 49 MB out of every release; the
smoke test (tests/core/test_production_smoke.py) proves no page needs it.
"""

from django.apps import apps
from django.contrib.staticfiles.finders import AppDirectoriesFinder

# Apps whose static folders are never collected or served.
UNUSED_STATIC_APPS = frozenset({"viewflow", "viewflow.workflow"})


class UsedAppDirectoriesFinder(AppDirectoriesFinder):
    """Django's app-directories finder, without the apps in UNUSED_STATIC_APPS."""

    def __init__(self, app_names=None, *args, **kwargs):
        names = app_names or [config.name for config in apps.get_app_configs()]
        super().__init__([name for name in names if name not in UNUSED_STATIC_APPS], *args, **kwargs)
