import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views import View
from django.views.generic import TemplateView

from core.jobs.heartbeat import workers_alive


class HomeView(TemplateView):
    template_name = "core/home.html"


class PrivatePageMixin:
    """Pages about one person (a complaint, a sign-up, a survey in progress):
    never cached by shared caches, never indexed. A view whose blank form is public
    (filing a complaint, the list of open surveys) says so in ``indexable``: still
    never cached (the form carries a CSRF token), but search engines may list it."""

    def indexable(self) -> bool:
        return False

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        if not self.indexable():
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ComingSoonView(TemplateView):
    """A placeholder page for a part of the site whose issue has not landed."""

    template_name = "core/coming_soon.html"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


class HealthView(View):
    """``/healthz`` for load balancers and monitors: JSON saying whether the
    database answers and whether the upload folder takes a file and has at
    least UPLOAD_MIN_FREE_BYTES free. 200 when all is well, 503 otherwise.
    It also says how many job workers are alive (their heartbeat within
    JOB_HEARTBEAT_TIMEOUT_SECONDS), for monitors to warn on 0; that does not
    make the site unhealthy, which still serves pages without them."""

    def get(self, request):
        database = _database_ok()
        uploads = _uploads_status(Path(settings.MEDIA_ROOT))
        healthy = database and uploads["writable"] and uploads["free_bytes"] >= settings.UPLOAD_MIN_FREE_BYTES
        body = {"status": "ok" if healthy else "error", "database": database, "uploads": uploads}
        if database:
            body["workers_alive"] = workers_alive()
        response = JsonResponse(body, status=200 if healthy else 503)
        add_never_cache_headers(response)
        return response


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _uploads_status(root: Path) -> dict:
    """Writes and removes a small file, as an upload would, so a full or
    read-only disk shows here before a family meets it."""
    status = {"writable": False, "free_bytes": 0, "min_free_bytes": settings.UPLOAD_MIN_FREE_BYTES}
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".healthz-") as probe:
            probe.write(b"ok" * 2048)
            probe.flush()
            os.fsync(probe.fileno())
        status["writable"] = True
    except OSError as exc:
        status["error"] = exc.strerror or str(exc)
    with contextlib.suppress(OSError):
        status["free_bytes"] = shutil.disk_usage(root).free
    return status
