"""Every staff review URL x every role x own/other school and agency, and the
recused officer: a complaint out of scope answers 404; roles that do not
review complaints are refused the whole review area (403, which says nothing
about any complaint); anonymous visitors are sent to sign in."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from complaints.models import Attachment
from tests.factories import AgencyFactory, SchoolFactory, member
from workflows.models import Route
from workflows.review import services

pytestmark = pytest.mark.django_db

OK, HIDDEN, REFUSED = 200, 404, 403
# (status for the queue pages, status for the complaint's own pages)
EXPECTED = {
    "coordinator": (OK, OK),
    "coordinator_other_district": (OK, HIDDEN),
    "school_admin": (OK, OK),
    "school_admin_other_school": (OK, HIDDEN),
    "police_reviewer": (OK, OK),
    "police_reviewer_other_agency": (OK, HIDDEN),
    "named_officer": (REFUSED, REFUSED),
    "officer_also_reviewer": (OK, HIDDEN),
    "advisory": (REFUSED, REFUSED),
    "facilitator": (REFUSED, REFUSED),
    "student": (REFUSED, REFUSED),
}


def _people(case):
    other_school = SchoolFactory(district=case.school.district)
    other_agency = AgencyFactory()
    officer_reviewer = member(Role.POLICE_REVIEWER, agency=case.agency)
    return {
        "coordinator": case.coordinator,
        "coordinator_other_district": member(Role.COORDINATOR),
        "school_admin": case.principal,
        "school_admin_other_school": member(Role.SCHOOL_ADMIN, school=other_school),
        "police_reviewer": case.reviewer,
        "police_reviewer_other_agency": member(Role.POLICE_REVIEWER, agency=other_agency),
        "named_officer": member(Role.SRO, agency=case.agency),
        "officer_also_reviewer": officer_reviewer,
        "advisory": member(Role.ADVISORY, district=case.school.district),
        "facilitator": member(Role.FACILITATOR, district=case.school.district),
        "student": member(Role.STUDENT, district=case.school.district),
    }


@pytest.mark.parametrize("who", list(EXPECTED))
def test_review_urls_answer_each_role_as_its_scope_allows(client, case, who):
    people = _people(case)
    if who in {"named_officer", "officer_also_reviewer"}:
        case.officer.user = people[who]
        case.officer.save()
    services.review_start(case.complaint)
    services.triage_complete(
        task=services.open_task(case.complaint, "triage"),
        user=case.coordinator,
        route=Route.BOTH,
        emergency=False,
        explanation="",
    )
    attachment = Attachment(
        complaint=case.complaint, original_name="a.pdf", content_type="application/pdf", size=4, sha256="0" * 64
    )
    attachment.file.save("x", ContentFile(b"%PDF"), save=True)
    c = case.complaint
    queue_urls = [reverse("staff:reviews:index"), reverse("staff:reviews:export")]
    own_urls = [
        ("get", reverse("staff:reviews:case", args=[c.pk])),
        ("get", reverse("staff:reviews:attachment", args=[c.pk, attachment.pk])),
        ("post", reverse("staff:reviews:note", args=[c.pk])),
    ]
    client.force_login(people[who])
    queue_expected, own_expected = EXPECTED[who]
    for url in queue_urls:
        assert client.get(url).status_code == queue_expected, url
    for method, url in own_urls:
        status = getattr(client, method)(url, {"body": "x"} if method == "post" else None).status_code
        expected = 302 if (method == "post" and own_expected == OK) else own_expected
        assert status == expected, url


def test_anonymous_visitors_are_sent_to_sign_in(client, case):
    services.review_start(case.complaint)
    response = client.get(reverse("staff:reviews:case", args=[case.complaint.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
