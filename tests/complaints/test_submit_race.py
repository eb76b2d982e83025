"""One draft sent twice at the same moment (a double click reaching both web workers, two tabs) files one
complaint, with one receipt mail and one review, and both requests answer with it (PostgreSQL)."""

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from complaints.models import Complaint
from complaints.services.intake import draft_for_token, draft_save
from notifications.models import OutboundEmail
from tests.complaints.helpers import START_JOB, school_with_officer, submit_directly
from tests.race import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every writer, so two filings can never run at the same moment there",
    ),
]


def test_one_draft_sent_twice_at_the_same_moment_files_one_complaint_and_both_get_it():
    school, _ = school_with_officer()
    token = draft_save(draft=None, step="about", raw={}).token
    # Both requests read the draft before either filed it: the second to insert must find the first's complaint.
    first, second = draft_for_token(token), draft_for_token(token)

    filed = at_once(lambda: submit_directly(first, school), lambda: submit_directly(second, school))

    complaint = Complaint.objects.get()
    assert [c.pk for c in filed] == [complaint.pk, complaint.pk]
    assert OutboundEmail.objects.filter(template="complaint_received").count() == 1
    assert DBTaskResult.objects.filter(task_path=START_JOB).count() == 1
    assert draft_for_token(token).data["complaint_id"] == complaint.pk
