"""Staff files (body-camera request letters, school records): checked and cleaned like the public's uploads,
each for one audience, and served only to the people of that audience."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints.models import Attachment, Audience
from complaints.selectors import complainant_attachments
from complaints.services.attachments import attachments_prepare
from complaints.services.staff_attachments import staff_attachments_add
from core.models import AuditEvent, AuditKind
from tests.complaints.media_files import AUTHOR, pdf_with_author
from tests.factories import AttachmentFactory
from tests.workflows.conftest import Case
from workflows.models import Route
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture
def case(db):
    case = Case()
    case.take_to("triaged", route=Route.BOTH)
    return case


def _add(client, user, case, audience, name="records.pdf", data=None):
    client.force_login(user)
    url = reverse("staff:reviews:staff_files", args=[case.complaint.pk])
    upload = SimpleUploadedFile(name, data if data is not None else pdf_with_author())
    return client.post(url, {"files": [upload], "audience": audience})


def _download(client, user, case, attachment):
    client.force_login(user)
    return client.get(reverse("staff:reviews:attachment", args=[case.complaint.pk, attachment.pk]))


def test_a_school_record_is_cleaned_of_its_author_and_opens_only_for_the_school_side(client, case):
    response = _add(client, case.principal, case, Audience.SCHOOL)
    assert response.status_code == 302
    stored = Attachment.objects.get(from_complainant=False)
    assert stored.audience == Audience.SCHOOL and stored.uploaded_by == case.principal
    downloaded = _download(client, case.coordinator, case, stored)
    assert downloaded.status_code == 200
    assert AUTHOR.encode() not in b"".join(downloaded.streaming_content)
    assert _download(client, case.principal, case, stored).status_code == 200
    assert _download(client, case.reviewer, case, stored).status_code == 404
    assert stored not in complainant_attachments(case.complaint)
    assert AuditEvent.objects.filter(kind=AuditKind.STAFF_FILE_ADDED, actor=case.principal).count() == 1


def test_a_body_camera_request_for_the_police_review_never_reaches_the_school(client, case):
    _add(client, case.reviewer, case, Audience.POLICE, name="bodycam-request.pdf")
    stored = Attachment.objects.get(from_complainant=False)
    assert _download(client, case.reviewer, case, stored).status_code == 200
    assert _download(client, case.principal, case, stored).status_code == 404
    client.force_login(case.principal)
    page = client.get(reverse("staff:reviews:staff_files", args=[case.complaint.pk])).content.decode()
    assert "bodycam-request.pdf" not in page


def test_a_file_for_everyone_on_the_case_opens_for_both_reviews(client, case):
    _add(client, case.coordinator, case, Audience.CASE)
    stored = Attachment.objects.get(from_complainant=False)
    assert _download(client, case.principal, case, stored).status_code == 200
    assert _download(client, case.reviewer, case, stored).status_code == 200


def test_the_police_review_cannot_file_for_the_school_and_is_told_next_to_the_field(client, case):
    response = _add(client, case.reviewer, case, Audience.SCHOOL)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Attachment.objects.filter(from_complainant=False).exists()


def test_a_file_that_cannot_be_cleaned_is_refused_and_never_stored(client, case):
    response = _add(client, case.principal, case, Audience.SCHOOL, name="scan.pdf", data=b"%PDF-1.7\n" + b"\0" * 64)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Attachment.objects.filter(from_complainant=False).exists()


def test_no_staff_file_is_ever_public(case):
    prepared = attachments_prepare([SimpleUploadedFile("a.pdf", pdf_with_author())], complaint=case.complaint)
    with pytest.raises(PermissionDenied):
        staff_attachments_add(
            complaint=case.complaint,
            user=case.coordinator,
            prepared=prepared,
            audience=Audience.PUBLIC,
            readable=list(Audience.values),
        )
    assert not Attachment.objects.filter(from_complainant=False).exists()


def test_sending_the_form_without_a_file_asks_for_one(client, case):
    client.force_login(case.principal)
    url = reverse("staff:reviews:staff_files", args=[case.complaint.pk])
    response = client.post(url, {"audience": Audience.SCHOOL})
    assert response.status_code == 200 and "Choose at least one file." in response.content.decode()


def test_triage_offers_only_the_complainant_s_files_for_sharing_with_the_police(client, db):
    fresh = Case()
    review_start(fresh.complaint)
    family = AttachmentFactory(complaint=fresh.complaint, original_name="photo.pdf")
    staff = AttachmentFactory(
        complaint=fresh.complaint, original_name="records.pdf", from_complainant=False, audience="school"
    )
    client.force_login(fresh.coordinator)
    page = client.get(reverse("staff:reviews:case", args=[fresh.complaint.pk])).content.decode()
    assert f'name="shared_files" value="{family.pk}"' in page
    assert f'name="shared_files" value="{staff.pk}"' not in page


def test_staff_files_never_use_up_the_familys_room_for_files(client, case, settings):
    settings.COMPLAINT_ATTACHMENT_MAX_FILES_PER_COMPLAINT = 2
    AttachmentFactory(complaint=case.complaint, from_complainant=True)
    assert _add(client, case.principal, case, Audience.SCHOOL).status_code == 302
    assert _add(client, case.principal, case, Audience.SCHOOL, name="second.pdf").status_code == 302
    # Two staff files on a cap of two: the family still has room for one more of their own.
    family_file = SimpleUploadedFile("photo.pdf", pdf_with_author())
    assert len(attachments_prepare([family_file], complaint=case.complaint)) == 1
    # Staff have a budget of their own, refused next to the field once used up.
    response = _add(client, case.principal, case, Audience.SCHOOL, name="third.pdf")
    assert response.status_code == 200
    assert "at most 2 files" in response.content.decode()
    assert Attachment.objects.filter(from_complainant=False).count() == 2
