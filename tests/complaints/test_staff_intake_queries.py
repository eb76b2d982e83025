"""Recording a complaint received by phone costs a fixed number of queries, with
the review flow started by the worker, not in the staff member's request."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from complaints.models import Complaint
from tests.complaints.test_staff_intake import START, _about, _details
from tests.workflows.conftest import Case
from workflows.models import ComplaintProcess

pytestmark = pytest.mark.django_db

# Session, user, memberships and MFA check (4), the draft (1), school and roster look-up (2), the
# scope check, the filing (as the public form), the staff fields and the audit row; the flow is the worker's.
# (29 until the receipt mail's enqueue stopped taking a savepoint of its own and the view read its draft twice;
# 26 until the filing stopped locking the draft and saving the complaint in a savepoint, and the mail's enqueue
# stopped looking its key up before the INSERT; 22 until the receipt mail went in without a savepoint.)
RECORD_QUERIES = 20


def test_recording_a_phone_complaint_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    case = Case()
    client.force_login(case.coordinator)
    details_url = client.post(reverse(START), _about(case))["Location"]
    client.get(details_url)
    ContentType.objects.get_for_model(Complaint)  # cached in a running process (the audit row's type)
    with django_assert_num_queries(RECORD_QUERIES):
        response = client.post(details_url, _details(case))
    assert response.status_code == 302
    recorded = Complaint.objects.exclude(pk=case.complaint.pk).get()
    assert not ComplaintProcess.objects.filter(complaint=recorded).exists()  # the worker starts it
