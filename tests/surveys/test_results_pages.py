"""The results pages as each reader meets them."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from core.schoolyear import school_year_label, school_year_of
from tests.factories import SchoolFactory, member
from tests.surveys.builders import build_survey
from tests.surveys.results_fill import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world, climate):
    # A High: 33 agree and 8 strongly disagree (8/41 = 19.5%, a cell to hide); A Middle: 26 agree, 14 disagree.
    fill(climate, world.a_school, 33, answers={"SRO-SAFE-1": "agree"}, gender="girl")
    fill(climate, world.a_school, 8, answers={"SRO-SAFE-1": "strongly_disagree"}, gender="girl")
    fill(climate, world.a_other_school, 26, answers={"SRO-SAFE-1": "agree"}, gender="boy")
    fill(climate, world.a_other_school, 14, answers={"SRO-SAFE-1": "disagree"}, gender="boy")
    return climate


def _url(survey, name="results_detail", **query):
    url = reverse(f"staff:surveys:{name}", kwargs={"pk": survey.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _as(client, user):
    client.force_login(user)
    return client


def test_the_coordinator_reads_every_school_and_the_district(client, world, answered):
    page = _as(client, member(Role.COORDINATOR, district=world.a)).get(_url(answered))
    assert page.status_code == 200
    html = page.content.decode()
    assert "A High" in html and "A Middle" in html and "Whole district" in html


def test_a_school_administrator_reads_only_their_own_school(client, world, answered):
    page = _as(client, member(Role.SCHOOL_ADMIN, school=world.a_school)).get(_url(answered))
    html = page.content.decode()
    assert page.status_code == 200
    assert "A High" in html
    assert "A Middle" not in html and "Whole district" not in html


def test_the_police_read_results_only_after_the_coordinator_shares_them(client, world, answered):
    reviewer = member(Role.POLICE_REVIEWER, agency=world.a_agency)
    coordinator = member(Role.COORDINATOR, district=world.a)
    assert _as(client, reviewer).get(_url(answered)).status_code == 404
    _as(client, coordinator).post(_url(answered, "results_share"), {"shared": "on"})
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_RESULTS_SHARED, actor=coordinator).exists()
    assert _as(client, reviewer).get(_url(answered)).status_code == 200
    _as(client, coordinator).post(_url(answered, "results_share"))
    assert _as(client, reviewer).get(_url(answered)).status_code == 404


def test_only_the_coordinator_may_share_results_with_the_police(client, world, answered):
    advisory = member(Role.ADVISORY, district=world.a)
    assert _as(client, advisory).post(_url(answered, "results_share"), {"shared": "on"}).status_code == 404
    answered.refresh_from_db()
    assert answered.results_shared_at is None


def test_reading_and_exporting_results_are_audited(client, world, answered):
    advisory = member(Role.ADVISORY, district=world.a)
    _as(client, advisory).get(_url(answered, by="gender"))
    client.get(_url(answered, "results_export"))
    kinds = set(AuditEvent.objects.filter(actor=advisory).values_list("kind", flat=True))
    assert {AuditKind.SURVEY_RESULTS_VIEWED, AuditKind.SURVEY_RESULTS_EXPORTED} <= kinds


def test_a_suppressed_value_appears_nowhere_in_the_page_its_charts_or_the_csv(client, world, answered):
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    html = client.get(_url(answered)).content.decode()
    exported = client.get(_url(answered, "results_export")).content.decode("utf-8-sig")
    # A High's 8 strongly disagree: 19.5% of 41; its complement 33 agree = 80.5%.
    for hidden in ("19.5", "80.5"):
        assert hidden not in html
        assert hidden not in exported
    svg = re.findall(r"<svg.*?</svg>", html, re.S)
    assert svg and not any("19.5" in s for s in svg)
    rows = list(csv.reader(io.StringIO(exported)))
    high = [r for r in rows if r[0] == "SRO-SAFE-1" and r[2] == "A High" and r[4] == "Strongly disagree"]
    assert high and high[0][5] == "suppressed" and high[0][6] == "suppressed"


def test_a_breakdown_the_page_does_not_offer_falls_back_to_schools_instead_of_failing(client, world, answered):
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    page = client.get(_url(answered, by="gender__race", school="nope"))
    assert page.status_code == 200
    assert "Whole district" in page.content.decode()


def test_a_school_administrator_cannot_ask_for_another_school(client, world, answered):
    client = _as(client, member(Role.SCHOOL_ADMIN, school=world.a_school))
    html = client.get(_url(answered, by="gender", school=world.a_other_school.pk)).content.decode()
    assert "A Middle" not in html


def test_the_results_page_costs_a_fixed_number_of_queries(client, world, answered, django_assert_num_queries):
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    client.get(_url(answered))
    # 19: one of them reads what the dashboard's releases published of this survey (surveys.published).
    with django_assert_num_queries(19):
        assert client.get(_url(answered, by="gender")).status_code == 200


def test_the_police_see_no_earlier_year_the_coordinator_has_not_shared(client, world, answered):
    last_year = build_survey(
        world.a,
        [world.a_school, world.a_other_school],
        opens_on=answered.opens_on - datetime.timedelta(days=400),
        closes_on=answered.opens_on - datetime.timedelta(days=365),
    )
    fill(last_year, world.a_school, 20, answers={"SRO-SAFE-1": "strongly_agree"})
    answered.results_shared_at = timezone.now()
    answered.save()
    client = _as(client, member(Role.SRO, agency=world.a_agency))
    label = f"{school_year_label(school_year_of(last_year.opens_on))} (v1)"
    html = client.get(_url(answered, by="year")).content.decode()
    assert label not in html
    last_year.results_shared_at = timezone.now()
    last_year.save()
    html = client.get(_url(answered, by="year")).content.decode()
    assert label in html


def test_the_year_comparison_costs_a_fixed_number_of_queries(client, world, answered, django_assert_num_queries):
    for years_back in (1, 2):
        last = build_survey(
            world.a,
            [world.a_school],
            opens_on=answered.opens_on - datetime.timedelta(days=365 * years_back),
            closes_on=answered.opens_on - datetime.timedelta(days=365 * years_back - 30),
        )
        fill(last, world.a_school, 12, answers={"SRO-SAFE-1": "agree"})
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    client.get(_url(answered, by="year"))
    # 23: three of them read what the dashboard's releases published of this survey and of each earlier one
    # (surveys.published); the page compares at most EARLIER_YEARS (3) earlier administrations.
    with django_assert_num_queries(23):
        assert client.get(_url(answered, by="year")).status_code == 200


def test_the_results_page_reads_in_spanish(client, world, answered, settings):
    client = _as(client, member(Role.ADVISORY, district=world.a))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = client.get(_url(answered)).content.decode()
    assert "Resultados: Encuesta de clima escolar" in html
    assert "suprimido" in html and "Todo el distrito" in html
    assert "Me siento seguro cuando el SRO está cerca." in html


def test_the_spanish_results_page_writes_each_percentage_as_the_dashboard_does(client, world, answered, settings):
    client = _as(client, member(Role.ADVISORY, district=world.a))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = client.get(_url(answered)).content.decode()
    # The district: 59 of 81 favourable (72.8 %), in the domain table, the chart's summary and its data table.
    assert html.count("<td>72,8\u00a0%</td>") == 2 and "(72,8\u00a0%)" in html
    assert not re.search(r"\d%", html)  # no percentage glued to its number
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "<td>72.8%</td>" in client.get(_url(answered)).content.decode()


def test_a_survey_nobody_answered_yet_shows_empty_results_not_an_error(client, world, climate):
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    for by in ("school", "year", "gender"):
        page = client.get(_url(climate, by=by))
        assert page.status_code == 200
    assert "no answers yet" in page.content.decode()
    assert client.get(_url(climate, "results_export")).status_code == 200


def test_the_breakdowns_offered_are_the_demographics_the_survey_asks_about(client, world, answered):
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    html = client.get(_url(answered)).content.decode()
    assert 'value="gender"' in html and 'value="grade"' in html and 'value="respondent_group"' in html
    assert 'value="race"' not in html and 'value="english_learner"' not in html


def test_a_chart_with_more_groups_than_it_can_show_draws_the_whole_and_keeps_every_group_in_the_tables(
    client, world, answered
):
    for _ in range(6):
        school = SchoolFactory(district=world.a)
        answered.schools.add(school)
        fill(answered, school, 12, answers={"SRO-SAFE-1": "agree"})
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    html = client.get(_url(answered)).content.decode()
    svg = re.findall(r"<svg.*?</svg>", html, re.S)
    assert svg and all("A Middle" not in drawing for drawing in svg)
    assert "A Middle" in html


def _audit_rows(client, kind_label: str) -> list[str]:
    """The text of the Spanish audit log's rows of one kind of event, tags stripped."""
    page = client.get(reverse("staff:audit:index"), headers={"accept-language": "es"}).content.decode()
    rows = re.findall(r"<tr>(?:(?!</tr>).)*</tr>", page, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows if kind_label in row]


def test_the_audit_log_says_in_words_which_breakdown_and_school_a_reader_looked_at(client, world, answered):
    client = _as(client, member(Role.COORDINATOR, district=world.a))
    client.get(_url(answered))
    client.get(_url(answered, by="gender", school=world.a_school.pk))
    rows = _audit_rows(client, "Resultados de encuesta consultados")
    assert len(rows) == 2
    by_gender, by_school = rows  # newest first
    assert "Desglosar por: Género" in by_gender and f"Escuela: {world.a_school.name}" in by_gender
    assert "Desglosar por: Cada escuela y el distrito" in by_school and "Escuela:" not in by_school
    assert "→" not in by_gender + by_school and "None" not in by_gender + by_school


def test_the_audit_log_names_the_survey_in_the_reader_s_language(client, world, answered, settings):
    advisory = member(Role.ADVISORY, district=world.a)
    client = _as(client, advisory)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.get(_url(answered))
    event = AuditEvent.objects.filter(actor=advisory, kind=AuditKind.SURVEY_RESULTS_VIEWED).get()
    assert event.object_repr == "Encuesta de clima escolar (versión 1)"


def test_each_question_s_scrollable_table_is_named_by_its_caption_with_the_question(client, world, answered):
    html = _as(client, member(Role.ADVISORY, district=world.a)).get(_url(answered)).content.decode()
    question = answered.questions.get(code="SRO-SAFE-1")
    caption_id = f"question-{question.pk}-caption"
    assert f'role="region" aria-labelledby="{caption_id}"' in html
    assert f'<caption id="{caption_id}">SRO-SAFE-1: I feel safe when the SRO is nearby.</caption>' in html
    assert 'aria-label="SRO-SAFE-1"' not in html
