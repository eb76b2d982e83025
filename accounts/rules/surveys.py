"""Rules on surveys (``surveys.Survey``)."""

from django.apps import apps
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Role
from accounts.rules.grants import Grant, reach_q


class SurveyRule:
    """Names of the rules on surveys (``surveys.Survey``)."""

    AUTHOR = "survey.author"  # build, publish, invite, print codes, enter paper forms, review comments
    RESULTS = "survey.results"  # read results at all (of some schools at least)
    DISTRICT_RESULTS = "survey.district_results"  # read results of every school and the district as a whole
    COMMENTS = "survey.comments"  # read reviewed free-text answers


_SURVEY_SHARED = Q(results_shared_at__isnull=False)
_SURVEY_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "district_id")
_SURVEY_ADVISORY = Grant(Role.ADVISORY, "district_id", "district_id", Q(published_at__isnull=False))
_SURVEY_POLICE = tuple(
    Grant(role, "district_id", "district_id", _SURVEY_SHARED) for role in (Role.POLICE_REVIEWER, Role.SRO)
)
# A school administrator reads the results of their own school only.
_SURVEY_SCHOOL_ADMIN = Grant(Role.SCHOOL_ADMIN, "school_id", "schools__id", Q(published_at__isnull=False))

SURVEY_RULES: dict[str, tuple[Grant, ...]] = {
    SurveyRule.AUTHOR: (_SURVEY_COORDINATOR,),
    SurveyRule.RESULTS: (_SURVEY_COORDINATOR, _SURVEY_ADVISORY, _SURVEY_SCHOOL_ADMIN, *_SURVEY_POLICE),
    SurveyRule.DISTRICT_RESULTS: (_SURVEY_COORDINATOR, _SURVEY_ADVISORY, *_SURVEY_POLICE),
    SurveyRule.COMMENTS: (_SURVEY_COORDINATOR, _SURVEY_ADVISORY),
}


def survey_q(user, rule: str) -> Q:
    """The filter for surveys ``user`` reaches under ``rule``."""
    return reach_q(user, SURVEY_RULES[rule])


def surveys_for(user, rule: str = SurveyRule.RESULTS) -> QuerySet:
    """Surveys ``user`` reaches under ``rule`` (each once)."""
    survey_model = apps.get_model("surveys", "Survey")
    return survey_model.objects.filter(pk__in=survey_model.objects.filter(survey_q(user, rule)).values("pk"))


def get_survey_for_user(user, pk: int, rule: str = SurveyRule.RESULTS):
    """The survey, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(surveys_for(user, rule).select_related("district"), pk=pk)


def survey_result_school_ids(user, survey) -> set[int] | None:
    """Whose results ``user`` may read on ``survey``: ``None`` for every school
    and the district as a whole, else the ids of their own schools (empty:
    none)."""
    if surveys_for(user, SurveyRule.DISTRICT_RESULTS).filter(pk=survey.pk).exists():
        return None
    own = scope_for(user).school_ids(Role.SCHOOL_ADMIN)
    if survey.published_at is None:
        return set()
    return set(survey.schools.filter(pk__in=own).values_list("pk", flat=True))


_SURVEY_ROLES = (Role.COORDINATOR, Role.ADVISORY, Role.SCHOOL_ADMIN, Role.POLICE_REVIEWER, Role.SRO)


def may_use_surveys(user) -> bool:
    """Whether the staff survey pages exist for ``user`` at all (what they may
    open there is decided per survey)."""
    return scope_for(user).has_role(*_SURVEY_ROLES)
