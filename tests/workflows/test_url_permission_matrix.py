"""Every URL of the project x every role, read and write, built from the URL
resolver: a URL added without an entry here fails the suite.

Out of scope answers 404 (the record's existence is never revealed), and so
does an area a role never uses (the review area for roles that do not review);
the staff area as a whole answers 403 to people without a staff role;
anonymous visitors are sent to sign in. The people include the
officer named in the complaint (who also holds a reviewer role) and a
coordinator recused from it.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from tests.activity import matrix_activity, matrix_imports, matrix_reports
from tests.assessment import matrix_annual, matrix_dashboard, matrix_training
from tests.feedback import matrix_partner, matrix_sessions
from tests.matrix_rules import STAFF_PEOPLE
from tests.surveys.matrix_world import survey_rows
from tests.workflows import matrix_casefile, matrix_casework, matrix_monthly, matrix_retention
from tests.workflows.conftest import ANON

pytestmark = pytest.mark.django_db

# Libraries' own pages (allauth, Django's admin, viewflow's i18n) are covered by their own tests and our
# staff middleware tests; everything under these name prefixes is ours and must be listed below.
LIBRARY_PREFIXES = ("admin:", "account_", "mfa_", "socialaccount_", "set_language", "openid", "google", "microsoft")

PEOPLE = [ANON, "complainant", "student", *STAFF_PEOPLE]
IN_CASE = {"coordinator", "school_admin", "police_reviewer"}
REVIEWERS = IN_CASE | {
    "coordinator_other_district",
    "recused_coordinator",
    "school_admin_other_school",
    "police_reviewer_other_agency",
    "named_officer",
}
COORDINATORS = {"coordinator", "coordinator_other_district", "recused_coordinator"}
STAFF = REVIEWERS | {"sro", "advisory", "facilitator", "superintendent", "agency_head"}


def _staff_area(allowed: set[str], ok: int, *, outside: int = 404):
    """Statuses under /staff/: sign in first; 403 for non-staff; ``ok`` for
    ``allowed``; ``outside`` for the rest (an area a role never uses included)."""

    def status(who):
        if who == ANON:
            return 302
        if who not in STAFF:
            return 403
        return ok if who in allowed else outside

    return status


def everyone(ok):
    return lambda who: ok


def signed_in(ok):
    return lambda who: 302 if who == ANON else ok


def only(allowed: set[str], ok: int, other: int = 404):
    return lambda who: ok if who in allowed else other


# url name -> (kwargs builder, GET expectation, POST expectation or None when the URL takes no POST)
MATRIX = {
    "home": (None, everyone(200), None),
    # Reports only whether the database and upload folder work (no record): open to load balancers.
    "healthz": (None, everyone(200), None),
    "accounts:me": (None, signed_in(200), None),
    "accounts:after_login": (None, signed_in(302), None),
    "complaints:file": (None, everyone(200), None),
    "complaints:draft_saved": (lambda w: {"token": "x" * 43}, everyone(404), None),
    "complaints:filed": (lambda w: {"token": "x" * 43}, everyone(404), None),
    "complaints:draft_step": (lambda w: {"token": "x" * 43, "step": "what"}, everyone(404), everyone(404)),
    "complaints:track": (None, everyone(200), None),
    # Without the complaint open in this browser, the page goes back to the code-and-PIN form (a reply posted is kept
    # for after the PIN): a redirect for any code of the right shape, so nothing says whether it exists.
    "complaints:track_detail": (lambda w: {"code": w.code}, only({"complainant"}, 200, other=302), everyone(302)),
    "complaints:track_close": (lambda w: {"code": w.code}, None, everyone(302)),
    "complaints:quick_exit": (None, everyone(302), None),
    "complaints:attachment": (
        lambda w: {"code": w.code, "attachment_id": w.attachment.pk},
        only({"complainant"}, 200),
        None,
    ),
    "complaints:mine": (None, signed_in(200), None),
    "complaint_appeal": (lambda w: {"code": w.code}, only({"complainant"}, 200), only({"complainant"}, 200)),
    # Offered only once the outcome is out (the matrix's case is in review); tests/workflows/test_satisfaction.py
    # follows it to the end as the complainant.
    "complaint_satisfaction": (lambda w: {"code": w.code}, everyone(404), None),
    "feedback:sessions": (None, everyone(200), None),
    "assessment:dashboard": (None, everyone(200), None),
    "notifications:sendgrid_events": (None, everyone(405), everyone(403)),
    "notifications:unsubscribe": (lambda w: {"token": "tampered"}, everyone(404), everyone(404)),
    "notifications:preferences": (None, signed_in(200), signed_in(302)),
    "staff:index": (None, _staff_area(STAFF, 200), None),
    "staff:orgs:index": (None, _staff_area(STAFF, 200), None),
    "staff:orgs:school": (
        lambda w: {"pk": w.school.pk},
        _staff_area(
            {"coordinator", "school_admin", "police_reviewer", "named_officer", "recused_coordinator"}
            | {"sro", "advisory", "facilitator"},
            200,
        ),
        None,
    ),
    "staff:orgs:agency": (
        lambda w: {"pk": w.agency.pk},
        _staff_area({"coordinator", "recused_coordinator", "police_reviewer", "named_officer", "sro", "advisory"}, 200),
        None,
    ),
    "staff:reviews:index": (None, _staff_area(REVIEWERS, 200), None),
    "staff:reviews:export": (None, _staff_area(REVIEWERS, 200), None),
    "staff:reviews:case": (lambda w: {"complaint_id": w.complaint.pk}, _staff_area(IN_CASE, 200), None),
    "staff:reviews:note": (
        lambda w: {"complaint_id": w.complaint.pk},
        None,
        _staff_area(IN_CASE, 302),
    ),
    "staff:reviews:task": (
        lambda w: {"complaint_id": w.complaint.pk, "task_id": w.police_task.pk, "action": "claim"},
        None,
        _staff_area({"police_reviewer"}, 302),
    ),
    "staff:reviews:attachment": (
        lambda w: {"complaint_id": w.complaint.pk, "attachment_id": w.attachment.pk},
        _staff_area(IN_CASE, 200),
        None,
    ),
    "staff:reviews:recusal_add": (
        lambda w: {"complaint_id": w.complaint.pk},
        None,
        _staff_area({"coordinator"}, 302),
    ),
    "staff:reviews:recusal_lift": (
        lambda w: {"complaint_id": w.complaint.pk, "recusal_id": w.recusal.pk},
        None,
        _staff_area({"coordinator"}, 302),
    ),
    "staff:reviews:canned": (None, _staff_area(COORDINATORS, 200), None),
    "staff:reviews:canned_edit": (
        lambda w: {"pk": w.canned.pk},
        _staff_area({"coordinator", "recused_coordinator"}, 200),
        None,
    ),
    "staff:audit:index": (None, _staff_area(COORDINATORS, 200), None),
    "staff:audit:export": (None, _staff_area(COORDINATORS, 200), None),
    "staff:calendar:index": (None, _staff_area(COORDINATORS, 302), None),
    "staff:calendar:district": (
        lambda w: {"district": w.district.pk},
        _staff_area({"coordinator", "recused_coordinator"}, 200),
        None,
    ),
    "staff:calendar:closure_add": (
        lambda w: {"district": w.district.pk},
        _staff_area({"coordinator", "recused_coordinator"}, 200),
        _staff_area({"coordinator", "recused_coordinator"}, 200),
    ),
    "staff:calendar:closure_edit": (
        lambda w: {"pk": w.closure.pk},
        _staff_area({"coordinator", "recused_coordinator"}, 200),
        None,
    ),
    "staff:calendar:closure_delete": (
        lambda w: {"pk": w.closure.pk},
        _staff_area({"coordinator", "recused_coordinator"}, 200),
        None,
    ),
    "staff:calendar:deadlines": (
        lambda w: {"district": w.district.pk},
        _staff_area({"coordinator", "recused_coordinator"}, 200),
        None,
    ),
    "staff:delivery:index": (None, _staff_area(COORDINATORS, 200), None),
    "staff:delivery:resend": (
        lambda w: {"pk": w.failed_mail.pk},
        None,
        _staff_area({"coordinator", "recused_coordinator"}, 302),
    ),
    "staff:delivery:resend_all": (None, None, _staff_area(COORDINATORS, 302)),
}


def _project_url_names():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                )
            elif pattern.name:
                yield namespace + pattern.name

    return {name for name in walk(get_resolver().url_patterns) if not name.startswith(LIBRARY_PREFIXES)}


# Survey pages keep their rows beside their tests (tests/surveys/matrix_*.py).
MATRIX.update(survey_rows())
MATRIX["staff:surveys:index"] = (None, _staff_area(STAFF, 200), None)
# Dialogue sessions keep theirs in tests/feedback/matrix_sessions.py.
MATRIX.update(matrix_sessions.ROWS)
# Post-session and MOU partner feedback: tests/feedback/matrix_partner.py.
MATRIX.update(matrix_partner.ROWS)
# SRO activity records keep theirs in tests/activity/matrix_activity.py.
MATRIX.update(matrix_activity.ROWS)
# Retention (schedule and legal holds): tests/workflows/matrix_retention.py.
MATRIX.update(matrix_retention.ROWS)
MATRIX.update(matrix_reports.ROWS)
MATRIX.update(matrix_imports.ROWS)  # importing them: tests/activity/matrix_imports.py
MATRIX.update(matrix_monthly.ROWS)  # the monthly review: tests/workflows/matrix_monthly.py
# Staff casework (intake, complaints list, related, withdraw, reopen): tests/workflows/matrix_casework.py.
MATRIX.update(matrix_casework.ROWS)
# Case file, redacted export, staff files, officer history: tests/workflows/matrix_casefile.py.
MATRIX.update(matrix_casefile.ROWS)
# The assessment's parts add theirs in tests/assessment/matrix_<part>.py.
MATRIX["staff:assessment:index"] = (None, _staff_area(STAFF - {"facilitator"}, 200), None)
MATRIX.update(matrix_dashboard.ROWS)
MATRIX.update(matrix_training.ROWS)
MATRIX.update(matrix_annual.ROWS)


def test_every_url_of_the_project_has_a_row_in_the_matrix():
    missing = _project_url_names() - set(MATRIX)
    assert not missing, f"Add these URLs to MATRIX with who may read and write them: {sorted(missing)}"
    assert not set(MATRIX) - _project_url_names(), "MATRIX lists URLs that no longer exist"


POST_DATA = {
    "body": "A note",
    "audience": "case",
    "reason": "Conflict",
    "lift{pk}-reason": "Resolved",
}


@pytest.mark.parametrize("who", PEOPLE)
def test_each_url_answers_each_role_as_its_scope_allows(client, everyone_on_a_case, who):
    world = everyone_on_a_case
    case = world.case
    person = world.people[who]
    data = dict(POST_DATA, user=case.principal.pk, **{f"lift{world.recusal.pk}-reason": "Resolved"})
    failures = []
    for name, (kwargs_for, get_expected, post_expected) in sorted(MATRIX.items()):
        url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
        for method, expected in (("get", get_expected), ("post", post_expected)):
            if expected is None:
                continue
            client.logout()
            if person is not None:
                client.force_login(person)
            status = getattr(client, method)(url, data if method == "post" else None).status_code
            if status != expected(who):
                failures.append(f"{method.upper()} {name} as {who}: {status}, expected {expected(who)}")
    assert not failures, "\n".join(failures)
