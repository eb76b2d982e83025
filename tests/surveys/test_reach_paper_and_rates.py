"""Paper mode and response rates."""

import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from surveys.codes import code_generate, code_hash
from surveys.models import Answer, Invitation, InvitationStatus, Response, Source
from surveys.services.responses import response_store
from tests.factories import member
from tests.surveys.builders import build_survey, questions_by_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


def test_the_printable_paper_form_asks_every_question_in_both_languages(client, climate, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("staff:surveys:reach_paper", kwargs={"pk": climate.pk})).content.decode()
    for question in climate.questions.all():
        assert question.text_en in page
        assert question.text_es in page
    assert "¿Dónde se siente inseguro?" in page and "Hallways" in page and "Pasillos" in page
    assert page.count('class="paper-question"') == climate.questions.count()
    assert "Tick every answer that fits." in page


def test_a_typed_in_paper_form_is_stored_as_paper_with_no_trace_of_who_typed_it(client, world, climate, coordinator):
    q = questions_by_code(climate)
    client.force_login(coordinator)
    url = reverse("staff:surveys:reach_paper_entry", kwargs={"pk": climate.pk})
    page = client.get(url).content.decode()
    assert all(f'name="q{question.pk}"' in page for question in q.values())
    response = client.post(
        url,
        {
            "paper-school": world.a_other_school.pk,
            "paper-group": "student",
            "paper-language": "es",
            f"q{q['SRO-SAFE-1'].pk}": "agree",
            f"q{q['SAF-WHERE-1'].pk}": ["halls", "bus"],
            f"q{q['DEM-GRADE'].pk}": "10",
        },
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.source, stored.school, stored.respondent_group, stored.language, stored.grade) == (
        Source.PAPER,
        world.a_other_school,
        "student",
        "es",
        "10",
    )
    assert Answer.objects.filter(response=stored).count() == 4
    event = AuditEvent.objects.get(kind=AuditKind.SURVEY_PAPER_ENTERED)
    assert event.object_id == str(climate.pk) and str(stored.pk) not in str(event.changes) + event.note
    assert "The paper form was saved" in client.get(response.url).content.decode()


def test_a_bad_paper_answer_or_a_survey_not_yet_open_is_shown_and_nothing_is_stored(client, world, coordinator):
    scheduled = build_survey(world.a, [world.a_school], open_now=False)
    q = questions_by_code(scheduled)
    client.force_login(coordinator)
    url = reverse("staff:surveys:reach_paper_entry", kwargs={"pk": scheduled.pk})
    data = {"paper-school": world.a_school.pk, "paper-group": "student", "paper-language": "en"}
    page = client.post(url, data | {f"q{q['ENG-HOURS-1'].pk}": "500"}).content.decode()
    assert "Ensure this value is less than or equal to 80." in page
    page = client.post(url, data).content.decode()
    assert "This survey has not opened yet" in page
    assert not Response.objects.exists()


def _invitation(survey, school, group, status):
    return Invitation.objects.create(
        survey=survey,
        school=school,
        group=group,
        kind="code",
        code_hash=code_hash(code_generate(), purpose="invitation"),
        status=status,
    )


def test_response_rates_count_invitations_by_school_and_group_and_responses_by_way_in(
    client, world, climate, coordinator, django_assert_num_queries
):
    for status in ("issued", "issued", "started", "finished"):
        _invitation(climate, world.a_school, "student", status)
    _invitation(climate, world.a_other_school, "guardian", InvitationStatus.FINISHED)
    response_store(survey=climate, answers={}, source=Source.LINK, language="en", school=world.a_school)
    response_store(survey=climate, answers={}, source=Source.PAPER, language="en", school=world.a_school)
    client.force_login(coordinator)
    url = reverse("staff:surveys:reach_index", kwargs={"pk": climate.pk})
    with django_assert_num_queries(7):
        page = client.get(url).content.decode()
    compact = " ".join(page.split()).replace("> <", "><")
    cells = "<td>Students</td><td>4</td><td>2</td><td>1</td><td>1</td><td>25%</td>"  # issued, unused, started, finished
    assert f'<th scope="row">{world.a_school.name}</th>{cells}' in compact
    assert "<td>5</td><td>2</td><td>1</td><td>2</td><td>40%</td>" in compact  # all schools
    assert '<th scope="row">Open link</th><td>1</td>' in compact
    assert '<th scope="row">Paper form entered by staff</th><td>1</td>' in compact
    for _ in range(10):
        _invitation(climate, world.a_other_school, "staff", "issued")
    with django_assert_num_queries(7):
        client.get(url)
