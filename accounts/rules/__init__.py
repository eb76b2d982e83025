"""Every access rule of the project, written once (one module per kind of record).

A rule says which role memberships reach which records. Each rule is a tuple
of ``Grant`` rows; from the same rows this module derives

* the queryset filter for one person (``records_q``: what they may see or act on),
* the object check (``may``, ``abilities``: one query for one record),
* the people a record concerns (``people_q``: who may be mailed about it),

and every one of them leaves out people in conflict with the record
(``_conflicts``). Everything runs in the database; nothing loops in Python.

Rules name fields by path, so this package imports no app above ``accounts``.
Every rule outside complaints is a ``Grant`` tuple read through ``grants.reach_q``.
Views, selectors, viewflow's ``.Permission`` (through ``RoleTaskBackend``) and
notification code ask here; none of them read ``Membership`` rows themselves.
"""

from accounts.rules.activity import (  # noqa: F401
    ACTIVITY_RULES,
    ActivityRule,
    activity_demographics_shown,
    activity_q,
    activity_records_for,
    get_activity_record_for_user,
    import_agencies_for,
    import_rows_for,
    logging_officer,
    may_import_activity,
    may_use_activity,
)
from accounts.rules.assessment import may_use_assessment, release_district_ids  # noqa: F401
from accounts.rules.casework import complaints_to_relate, intake_schools, may_record_intake  # noqa: F401
from accounts.rules.complaints import (  # noqa: F401
    COMPLAINT_RULES,
    ComplaintRule,
    abilities,
    complaints_for,
    conflicted_complaint_ids,
    get_complaint_for_user,
    get_officer_for_user,
    may,
    may_read_officer_history,
    officer_history_readers,
    officers_for,
    people_for,
    people_q,
    records_q,
)
from accounts.rules.district import (  # noqa: F401
    DISTRICT_WIDE_ROLES,
    REVIEW_ROLES,
    coordinated_district_ids,
    coordinated_districts,
    get_agency_for_user,
    get_district_for_coordinator,
    get_school_for_user,
    is_coordinator,
    may_review,
    visible_agencies,
    visible_schools,
)
from accounts.rules.grants import (  # noqa: F401
    NOTHING,
    Grant,
    any_of,
    column_path,
    grant_q,
    reach_q,
)
from accounts.rules.monthly import (  # noqa: F401
    MONTHLY_RULES,
    MonthlyRule,
    get_monthly_review_for_user,
    may_monthly,
    may_use_monthly,
    monthly_coordinators,
    monthly_q,
    monthly_reviews_for,
    monthly_summary_recipients,
)
from accounts.rules.partner import (  # noqa: F401
    PARTNER_RULES,
    PartnerRule,
    get_partner_round_for_user,
    may_partner,
    may_read_partner_feedback,
    partner_invitees,
    partner_rounds_for,
    partner_sro_emails_for,
)
from accounts.rules.sessions import (  # noqa: F401
    SESSION_RULES,
    SessionRule,
    get_session_for_user,
    may_run_sessions,
    may_session,
    session_facilitator_choices,
    session_q,
    sessions_for,
)
from accounts.rules.surveys import (  # noqa: F401
    SURVEY_RULES,
    SurveyRule,
    get_survey_for_user,
    may_use_surveys,
    survey_q,
    survey_result_school_ids,
    surveys_for,
)
