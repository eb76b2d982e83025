"""The site's URLs plus two baselines: a bare Django view that inserts one row, and one that writes the rows a
filing writes, with the same statements, but bare: no form, no checks, no sanitising, hashing or encryption."""

import datetime
import secrets
import uuid

from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from accounts.models import School
from complaints.models import Allegation, Complaint, Draft
from config.urls import urlpatterns as site_urlpatterns
from core.ratelimit import hit_any
from notifications.delivery import email_deliver
from notifications.models import OutboundEmail
from workflows.review.start_tasks import review_start_task


@csrf_exempt
def insert_one_row(request):
    Draft.objects.create(token=secrets.token_urlsafe(32), data={}, expires_at=timezone.now())
    return HttpResponse("ok")


@csrf_exempt
def insert_filing_rows(request):
    """The filing step's statements (tests/complaints/test_intake_queries.py) with nothing around them: the draft and
    its school read, the client counted, then in one transaction the complaint, its concerns, the review's job, the
    receipt mail and its job, the draft; then the session. The least a filing can cost."""
    draft = Draft.objects.filter(token=request.GET["draft"]).first()
    school = School.objects.select_related("district").get(pk=request.GET["school"])
    hit_any([f"bench:{request.META['REMOTE_ADDR']}"], limit=10**9, period_seconds=3600)
    with transaction.atomic():
        complaint = Complaint.objects.create(
            tracking_code=f"CG-{secrets.token_hex(4).upper()}",
            pin_hash=secrets.token_hex(32),
            submission_token=uuid.uuid4(),
            kind="complaint",
            school=school,
            occurred_on=datetime.date(2026, 11, 2),
            filer_role="guardian",
            description="The officer searched my son's bag.",
            contact_preference="email",
            contact_email="family@example.org",
            complainant_updated_at=timezone.now(),
        )
        Allegation.objects.bulk_create([Allegation(complaint=complaint, category="search")])
        review_start_task.enqueue(complaint.pk)
        mail = OutboundEmail.objects.create(
            key=f"bench-{complaint.pk}",
            template="complaint_received",
            to_email="family@example.org",
            language="en",
            context={"tracking_code": complaint.tracking_code},
            district=school.district,
        )
        email_deliver.enqueue(mail.pk)
        Draft.objects.filter(pk=draft.pk).update(data={"complaint_id": complaint.pk}, updated_at=timezone.now())
    request.session["bench"] = complaint.pk  # the session the receipt needs, written with the response
    return HttpResponse("ok")


urlpatterns = [
    *site_urlpatterns,
    path("bench/insert/", insert_one_row),
    path("bench/filing-rows/", insert_filing_rows),
]
