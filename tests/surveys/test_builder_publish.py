"""Publishing: every gap listed (each missing Spanish text by name), a
published survey frozen, new versions, and the anonymity lock."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from surveys.models import AnonymityMode, Page, QuestionKind, Survey
from surveys.services import authoring, authoring_publish, authoring_questions
from surveys.services.authoring import AnonymityLocked, SurveyFrozen
from tests.factories import member
from tests.surveys.builders import build_survey

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def draft(world):
    return build_survey(
        world.a,
        [world.a_school],
        published=False,
        opens_on=TODAY + datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=30),
    )


def _url(name, survey, **kwargs):
    return reverse(f"staff:surveys:{name}", kwargs={"pk": survey.pk, **kwargs})


def test_publishing_is_refused_naming_every_missing_spanish_text(signed_in, draft):
    Survey.objects.filter(pk=draft.pk).update(title_es="", intro_es=" ", thanks_es="")
    Page.objects.filter(survey=draft, position=2).update(intro_en="About school", intro_es="")
    questions = {q.code: q for q in draft.questions.all()}
    questions["SRO-SAFE-1"].text_es = ""
    questions["SRO-SAFE-1"].save()
    questions["ENG-HOURS-1"].help_en = "A whole number."
    questions["ENG-HOURS-1"].save()
    questions["SRO-KNOW-1"].choices.filter(code="no").update(label_es="")

    response = signed_in.post(_url("build_publish", draft))

    assert response.status_code == 200
    assert response.context["gaps"] == [
        "Spanish title is missing.",
        "Spanish first page text is missing.",
        "Spanish thank-you text is missing.",
        "Question SRO-SAFE-1: Spanish wording is missing.",
        "Question SRO-KNOW-1: Spanish label of the choice “No” is missing.",
        "Page 2: Spanish introduction is missing.",
        "Question ENG-HOURS-1: Spanish help text is missing.",
    ]
    assert "Question ENG-HOURS-1: Spanish help text is missing." in response.content.decode()
    draft.refresh_from_db()
    assert draft.published_at is None
    assert not AuditEvent.objects.filter(kind=AuditKind.SURVEY_PUBLISHED).exists()


def test_english_only_texts_left_empty_need_no_spanish(draft):
    Survey.objects.filter(pk=draft.pk).update(intro_en="", intro_es="", thanks_en="", thanks_es="")
    draft.refresh_from_db()
    assert authoring_publish.survey_gaps(draft) == []


def test_publishing_an_empty_survey_lists_schools_groups_dates_and_questions(signed_in, world, coordinator):
    survey = authoring.survey_create(
        actor=coordinator, district=world.a, data={"title_en": "Empty", "title_es": "Vacía", "groups": []}
    )
    gaps = authoring_publish.survey_gaps(survey)
    assert gaps == [
        "Choose at least one school.",
        "Choose at least one respondent group.",
        "Set the opening and closing dates.",
        "Add at least one question.",
        "Page 1 has no questions: add some or remove it.",
    ]
    with pytest.raises(authoring_publish.PublishRefused) as refused:
        authoring_publish.survey_publish(actor=coordinator, survey=survey)
    assert refused.value.gaps == gaps


def test_publishing_records_who_and_when_and_freezes_the_survey(signed_in, draft, coordinator):
    response = signed_in.post(_url("build_publish", draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.published_by == coordinator and draft.published_at is not None
    assert draft.is_frozen
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_PUBLISHED, object_id=str(draft.pk)).count() == 1
    page = signed_in.get(_url("build_survey", draft)).content.decode()
    assert "Make a new version" in page
    assert _url("build_question_add", draft) not in page


def test_a_published_surveys_wording_cannot_change_through_the_services(world, coordinator):
    survey = build_survey(world.a, [world.a_school])
    question = survey.questions.first()
    with pytest.raises(SurveyFrozen):
        authoring.survey_update(actor=coordinator, survey=survey, data={"title_en": "Changed"})
    with pytest.raises(SurveyFrozen):
        authoring.page_add(actor=coordinator, survey=survey)
    with pytest.raises(SurveyFrozen):
        authoring_questions.question_update(actor=coordinator, question=question, data={"text_en": "x"}, choices=[])
    with pytest.raises(SurveyFrozen):
        authoring_questions.question_remove(actor=coordinator, question=question)
    with pytest.raises(SurveyFrozen):
        authoring_publish.survey_publish(actor=coordinator, survey=survey)
    assert Survey.objects.get(pk=survey.pk).title_en == "Climate survey"
    assert survey.questions.count() == 8


@pytest.mark.parametrize(
    ("name", "method", "extra"),
    [
        ("build_question_add", "get", {}),
        ("build_question_add", "post", {}),
        ("build_page_add", "post", {}),
        ("build_bank", "get", {}),
        ("build_publish", "post", {}),
        ("build_question_delete", "post", {"question_id": "first"}),
        ("build_page_move", "post", {"page_id": "first", "direction": "down"}),
    ],
)
def test_editing_pages_of_a_published_survey_answer_with_a_clear_message(signed_in, world, name, method, extra):
    survey = build_survey(world.a, [world.a_school])
    first = {"question_id": survey.questions.first().pk, "page_id": survey.pages.first().pk}
    kwargs = {key: first[key] if value == "first" else value for key, value in extra.items()}
    response = getattr(signed_in, method)(_url(name, survey, **kwargs), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == _url("build_survey", survey)
    assert "This survey is published, so its wording can no longer change." in response.content.decode()
    assert survey.questions.count() == 8 and survey.pages.count() == 3


def test_a_new_version_copies_everything_into_a_draft(signed_in, world, coordinator):
    old = build_survey(world.a, [world.a_school, world.a_other_school], anonymity=AnonymityMode.CONFIDENTIAL)
    response = signed_in.post(_url("build_new_version", old))
    new = Survey.objects.get(previous_version=old)
    assert response.url == _url("build_settings", new)
    assert (new.version, new.published_at, new.opens_on, new.closes_on) == (2, None, None, None)
    assert (new.title_es, new.anonymity, new.groups) == (old.title_es, old.anonymity, old.groups)
    assert set(new.schools.all()) == {world.a_school, world.a_other_school}

    def shape(survey):
        return [
            (
                q.page.position,
                q.position,
                q.code,
                q.kind,
                q.text_es,
                [(c.code, c.label_es, c.value) for c in q.choices.all()],
            )
            for q in survey.questions.select_related("page").prefetch_related("choices")
        ]

    assert shape(new) == shape(old)
    assert not set(new.questions.values_list("pk", flat=True)) & set(old.questions.values_list("pk", flat=True))
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_VERSIONED, object_id=str(new.pk)).exists()
    # The copy is editable; the old version is not touched.
    authoring_questions.question_remove(actor=coordinator, question=new.questions.get(code="DEM-GENDER"))
    assert old.questions.filter(code="DEM-GENDER").exists()


def test_only_one_newer_version_and_never_of_a_draft(signed_in, world, draft):
    old = build_survey(world.a, [world.a_school])
    signed_in.post(_url("build_new_version", old))
    again = signed_in.post(_url("build_new_version", old), follow=True)
    assert "This survey already has a newer version." in again.content.decode()
    of_draft = signed_in.post(_url("build_new_version", draft), follow=True)
    assert "Only a published survey gets a new version" in of_draft.content.decode()
    assert Survey.objects.count() == 3


def test_publishing_a_new_version_closes_the_old_one_the_day_before_it_opens(world, coordinator):
    old = build_survey(world.a, [world.a_school], closes_on=TODAY + datetime.timedelta(days=60))
    new = authoring_publish.survey_new_version(actor=coordinator, survey=old)
    opens = TODAY + datetime.timedelta(days=10)
    authoring.survey_update(
        actor=coordinator, survey=new, data={"opens_on": opens, "closes_on": opens + datetime.timedelta(days=30)}
    )
    authoring_publish.survey_publish(actor=coordinator, survey=new)
    old.refresh_from_db()
    assert old.closes_on == opens - datetime.timedelta(days=1)
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_CHANGED, object_id=str(old.pk)).exists()


def test_a_new_version_may_not_open_before_the_old_one_opened(world, coordinator):
    old = build_survey(world.a, [world.a_school])
    new = authoring_publish.survey_new_version(actor=coordinator, survey=old)
    new = authoring.survey_update(
        actor=coordinator, survey=new, data={"opens_on": old.opens_on, "closes_on": old.closes_on}
    )
    assert "This version must open after the previous version opened." in authoring_publish.survey_gaps(new)


def test_the_anonymity_mode_is_locked_once_the_survey_has_opened(signed_in, world, coordinator):
    survey = build_survey(world.a, [world.a_school])  # published and open since yesterday
    with pytest.raises(AnonymityLocked):
        authoring.survey_update(actor=coordinator, survey=survey, data={"anonymity": AnonymityMode.CONFIDENTIAL})
    form = signed_in.get(_url("build_settings", survey)).context["form"]
    assert form.fields["anonymity"].disabled and form.fields["opens_on"].disabled
    assert "Locked: the survey has opened." in str(form["anonymity"].help_text)
    data = {
        "anonymity": "confidential",
        "schools": [world.a_school.pk],
        "groups": ["student"],
        "closes_on": (TODAY + datetime.timedelta(days=40)).isoformat(),
        "estimated_minutes": "15",
    }
    response = signed_in.post(_url("build_settings", survey), data)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.anonymity == AnonymityMode.ANONYMOUS
    assert (survey.groups, survey.closes_on, survey.estimated_minutes) == (
        ["student"],
        TODAY + datetime.timedelta(days=40),
        15,
    )


def test_a_published_survey_not_yet_open_may_still_change_its_anonymity_but_not_its_wording(world, coordinator):
    survey = build_survey(world.a, [world.a_school], open_now=False)
    authoring.survey_update(actor=coordinator, survey=survey, data={"anonymity": AnonymityMode.CONFIDENTIAL})
    survey.refresh_from_db()
    assert survey.anonymity == AnonymityMode.CONFIDENTIAL
    with pytest.raises(SurveyFrozen):
        authoring.survey_update(actor=coordinator, survey=survey, data={"thanks_es": "Muchas gracias."})


def test_the_settings_form_of_a_published_survey_shows_the_wording_read_only(signed_in, world):
    survey = build_survey(world.a, [world.a_school], open_now=False)
    form = signed_in.get(_url("build_settings", survey)).context["form"]
    assert form.fields["title_en"].disabled and form.fields["intro_es"].disabled
    assert not form.fields["anonymity"].disabled and not form.fields["closes_on"].disabled


def test_a_custom_question_kind_with_choices_needs_two_before_publishing(world, coordinator):
    survey = build_survey(world.a, [world.a_school], published=False, questions=[])
    page = Page.objects.create(survey=survey, position=1)
    authoring_questions.question_create(
        actor=coordinator,
        survey=survey,
        page=page,
        data={"code": "ONE", "kind": QuestionKind.SINGLE, "text_en": "One?", "text_es": "¿Uno?"},
        choices=[{"code": "a", "en": "A", "es": "A"}],
    )
    assert authoring_publish.survey_gaps(survey) == ["Question ONE needs at least two choices."]


def test_moving_a_published_new_versions_opening_earlier_closes_the_old_one_earlier_too(world, coordinator):
    old = build_survey(world.a, [world.a_school], closes_on=TODAY + datetime.timedelta(days=60))
    new = authoring_publish.survey_new_version(actor=coordinator, survey=old)
    opens = TODAY + datetime.timedelta(days=20)
    authoring.survey_update(
        actor=coordinator, survey=new, data={"opens_on": opens, "closes_on": opens + datetime.timedelta(days=30)}
    )
    new = authoring_publish.survey_publish(actor=coordinator, survey=new)
    authoring.survey_update(actor=coordinator, survey=new, data={"opens_on": TODAY + datetime.timedelta(days=5)})
    old.refresh_from_db()
    assert old.closes_on == TODAY + datetime.timedelta(days=4)
    with pytest.raises(authoring.BuilderError):
        authoring.survey_update(actor=coordinator, survey=new, data={"opens_on": old.opens_on})


def test_a_new_version_opening_before_the_old_one_is_refused_next_to_the_date(signed_in, world, coordinator):
    old = build_survey(world.a, [world.a_school])
    new = authoring_publish.survey_new_version(actor=coordinator, survey=old)
    data = {
        "purpose": "climate",
        "title_en": new.title_en,
        "anonymity": "anonymous",
        "estimated_minutes": "10",
        "opens_on": old.opens_on.isoformat(),
        "closes_on": old.closes_on.isoformat(),
    }
    response = signed_in.post(_url("build_settings", new), data)
    assert response.status_code == 200
    assert response.context["form"].errors["opens_on"] == ["This version must open after the previous version opened."]
