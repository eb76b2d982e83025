"""The site's URLs plus the baseline: a bare Django view that inserts one row."""

import secrets

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from complaints.models import Draft
from config.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def insert_one_row(request):
    Draft.objects.create(token=secrets.token_urlsafe(32), data={}, expires_at=timezone.now())
    return HttpResponse("ok")


urlpatterns = [*site_urlpatterns, path("bench/insert/", insert_one_row)]
