"""Models shared by every app. ``core`` imports no other app of this project."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEWED = "viewed", _("Viewed")
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    ASSIGNED = "assigned", _("Assigned")
    EXPORTED = "exported", _("Exported")
    DELETED = "deleted", _("Deleted")
    SIGNED_IN = "signed_in", _("Signed in")
    SIGNED_OUT = "signed_out", _("Signed out")
    FAILED = "failed", _("Failed")


class AuditKind(models.TextChoices):
    """What happened, as a code: stored untranslated, shown in the reader's language."""

    SIGNED_IN = "signed_in", _("Signed in")
    SIGNED_OUT = "signed_out", _("Signed out")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    MFA_FAILED = "mfa_failed", _("Authenticator code refused")
    MFA_ADDED = "mfa_added", _("Authenticator added")
    MFA_REMOVED = "mfa_removed", _("Authenticator removed")
    RECOVERY_CODES_REGENERATED = "recovery_codes_regenerated", _("Recovery codes regenerated")
    ADMIN_CHANGE = "admin_change", _("Changed in the admin site")
    REVIEW_STARTED = "review_started", _("Review started")
    CASE_VIEWED = "case_viewed", _("Case viewed")
    FILE_DOWNLOADED = "file_downloaded", _("File downloaded")
    QUEUE_EXPORTED = "queue_exported", _("Queue exported")
    AUDIT_EXPORTED = "audit_exported", _("Audit log exported")
    TASK_CLAIMED = "task_claimed", _("Task claimed")
    TASK_RELEASED = "task_released", _("Task released")
    TASK_REASSIGNED = "task_reassigned", _("Task reassigned")
    TRIAGED = "triaged", _("Triaged")
    REVIEW_RECORDED = "review_recorded", _("Review recorded")
    OUTCOME_APPROVED = "outcome_approved", _("Outcome letter approved")
    OUTCOME_SECOND_APPROVED = "outcome_second_approved", _("Outcome letter approved a second time")
    APPEAL_FILED = "appeal_filed", _("Appeal filed")
    APPEAL_DECIDED = "appeal_decided", _("Appeal decided")
    NOTE_ADDED = "note_added", _("Note added")
    MESSAGE_PUBLISHED = "message_published", _("Message published")
    RECUSAL_ADDED = "recusal_added", _("Recusal recorded")
    RECUSAL_LIFTED = "recusal_lifted", _("Recusal lifted")
    CLOSURE_CREATED = "closure_created", _("School closure added")
    CLOSURE_CHANGED = "closure_changed", _("School closure changed")
    CLOSURE_DELETED = "closure_deleted", _("School closure removed")
    DEADLINES_CHANGED = "deadlines_changed", _("Deadlines changed")
    CANNED_CREATED = "canned_created", _("Canned response added")
    CANNED_CHANGED = "canned_changed", _("Canned response changed")
    CANNED_DELETED = "canned_deleted", _("Canned response removed")
    MAIL_RESENT = "mail_resent", _("Mail resent")
    SURVEY_CREATED = "survey_created", _("Survey created")
    SURVEY_CHANGED = "survey_changed", _("Survey changed")
    SURVEY_QUESTION_ADDED = "survey_question_added", _("Survey question added")
    SURVEY_QUESTION_CHANGED = "survey_question_changed", _("Survey question changed")
    SURVEY_QUESTION_REMOVED = "survey_question_removed", _("Survey question removed")
    SURVEY_PUBLISHED = "survey_published", _("Survey published")
    SURVEY_VERSIONED = "survey_versioned", _("New survey version made")
    BANK_ITEM_ADDED = "bank_item_added", _("Question saved to the item bank")
    SURVEY_INVITED = "survey_invited", _("Survey invitations sent")
    SURVEY_CODES_PRINTED = "survey_codes_printed", _("Survey access codes printed")
    SURVEY_CLASS_CODE_CREATED = "survey_class_code_created", _("Survey class code created")
    SURVEY_CLASS_CODE_DEACTIVATED = "survey_class_code_deactivated", _("Survey class code deactivated")
    SURVEY_PAPER_ENTERED = "survey_paper_entered", _("Paper survey response entered")
    SURVEY_OPT_OUT_RECEIVED = "survey_opt_out_received", _("Survey opt-out received")
    SURVEY_OPT_OUTS_VIEWED = "survey_opt_outs_viewed", _("Survey opt-outs viewed")
    SURVEY_RESULTS_VIEWED = "survey_results_viewed", _("Survey results viewed")
    SURVEY_RESULTS_EXPORTED = "survey_results_exported", _("Survey results exported")
    SURVEY_RESULTS_SHARED = "survey_results_shared", _("Survey results shared with the police")
    SURVEY_RESULTS_UNSHARED = "survey_results_unshared", _("Survey results no longer shared with the police")
    SURVEY_COMMENT_REVIEWED = "survey_comment_reviewed", _("Survey comment reviewed")
    SURVEY_COMMENTS_VIEWED = "survey_comments_viewed", _("Survey comments viewed")
    SESSION_CREATED = "session_created", _("Dialogue session created")
    SESSION_CHANGED = "session_changed", _("Dialogue session changed")
    SESSION_CANCELLED = "session_cancelled", _("Dialogue session cancelled")
    ROSTER_VIEWED = "roster_viewed", _("Session roster viewed")
    ATTENDANCE_RECORDED = "attendance_recorded", _("Attendance recorded")
    WALK_IN_ADDED = "walk_in_added", _("Walk-in added")
    CONSENT_RECORDED = "consent_recorded", _("Guardian consent recorded")
    HEARD_ADDED = "heard_added", _("What we heard: item added")
    HEARD_CHANGED = "heard_changed", _("What we heard: item changed")
    HEARD_REVIEWED = "heard_reviewed", _("What we heard: item reviewed")
    THEME_ADDED = "theme_added", _("Session theme added")
    SESSION_FEEDBACK_SET = "session_feedback_set", _("Session feedback survey chosen")
    SESSION_FEEDBACK_ISSUED = "session_feedback_issued", _("Session feedback invitation issued")
    SESSION_FEEDBACK_CARDS = "session_feedback_cards", _("Session feedback cards printed")
    SESSION_FEEDBACK_VIEWED = "session_feedback_viewed", _("Session feedback results viewed")
    PARTNER_ROUND_OPENED = "partner_round_opened", _("Partner feedback round opened")
    PARTNER_RESULTS_VIEWED = "partner_results_viewed", _("Partner feedback results viewed")
    PARTNER_CONCERNS_VIEWED = "partner_concerns_viewed", _("Partner feedback concerns viewed")
    PARTNER_CONCERN_ANSWERED = "partner_concern_answered", _("Partner feedback concern answered")
    ACTIVITY_EVENT_LOGGED = "activity_event_logged", _("SRO enforcement event logged")
    ACTIVITY_OUTREACH_LOGGED = "activity_outreach_logged", _("SRO outreach activity logged")
    ACTIVITY_RECORDS_VIEWED = "activity_records_viewed", _("SRO records listed")
    ACTIVITY_EVENT_VIEWED = "activity_event_viewed", _("SRO enforcement event viewed")
    ACTIVITY_RECORDS_EXPORTED = "activity_records_exported", _("SRO records exported")
    RETENTION_VIEWED = "retention_viewed", _("Retention schedule viewed")
    RETENTION_CHANGED = "retention_changed", _("Retention schedule changed")
    RETENTION_PURGED = "retention_purged", _("Records purged on schedule")
    LEGAL_HOLD_PLACED = "legal_hold_placed", _("Legal hold placed")
    LEGAL_HOLD_LIFTED = "legal_hold_lifted", _("Legal hold lifted")
    RELEASE_PUBLISHED = "release_published", _("Dashboard release published")
    RELEASES_VIEWED = "releases_viewed", _("Dashboard releases viewed")
    TRAINING_VIEWED = "training_viewed", _("Training records viewed")
    TRAINING_EVENT_CREATED = "training_event_created", _("Training event added")
    TRAINING_EVENT_CHANGED = "training_event_changed", _("Training event changed")
    TRAINING_ATTENDANCE_RECORDED = "training_attendance_recorded", _("Training attendance recorded")
    TRAINING_REQUIREMENTS_CHANGED = "training_requirements_changed", _("Training requirements changed")
    COMMITMENTS_VIEWED = "commitments_viewed", _("You said, we did: list viewed")
    COMMITMENT_CREATED = "commitment_created", _("You said, we did: commitment added")
    COMMITMENT_CHANGED = "commitment_changed", _("You said, we did: commitment changed")
    COMMITMENT_UPDATE_ADDED = "commitment_update_added", _("You said, we did: update added")
    ACTIVITY_IMPORT_CHECKED = "activity_import_checked", _("SRO records file checked (dry run)")
    ACTIVITY_IMPORTED = "activity_imported", _("SRO records imported")
    ACTIVITY_IMPORT_MAPPING_CHANGED = "activity_import_mapping_changed", _("SRO import column mapping changed")
    ACTIVITY_IMPORTS_VIEWED = "activity_imports_viewed", _("SRO imports viewed")
    ACTIVITY_COVERAGE_VIEWED = "activity_coverage_viewed", _("SRO records coverage viewed")
    MONTHLY_OPENED = "monthly_opened", _("Monthly review opened")
    MONTHLY_VIEWED = "monthly_viewed", _("Monthly review viewed")
    MONTHLY_CERTIFIED = "monthly_certified", _("Month's SRO records certified")
    MONTHLY_SCHOOL_REVIEWED = "monthly_school_reviewed", _("Monthly review: school review recorded")
    MONTHLY_SENT_BACK = "monthly_sent_back", _("Monthly review sent back for correction")
    MONTHLY_ACCEPTED = "monthly_accepted", _("Monthly review accepted and month locked")
    FLAG_RESOLVED = "flag_resolved", _("MOU flag resolution written")
    FLAGS_VIEWED = "flags_viewed", _("MOU flags and resolutions listed")
    FLAGS_EXPORTED = "flags_exported", _("MOU flags and resolutions exported")
    NOTICE_DEADLINES_CHANGED = "notice_deadlines_changed", _("Notification deadlines changed")
    COMPLAINT_RECORDED_BY_STAFF = "complaint_recorded_by_staff", _("Complaint recorded by staff")
    CASES_SEARCHED = "cases_searched", _("Complaints listed or searched")
    COMPLAINTS_LINKED = "complaints_linked", _("Complaints linked")
    COMPLAINTS_UNLINKED = "complaints_unlinked", _("Complaint link removed")
    COMPLAINT_MARKED_DUPLICATE = "complaint_marked_duplicate", _("Complaint closed as a duplicate")
    COMPLAINT_WITHDRAWN = "complaint_withdrawn", _("Complaint withdrawn")
    COMPLAINT_REOPENED = "complaint_reopened", _("Complaint reopened")
    CASEFILE_PRINTED = "casefile_printed", _("Case file printed")
    REDACTED_EXPORTED = "redacted_exported", _("Redacted case file exported")
    STAFF_FILE_ADDED = "staff_file_added", _("Staff file added")
    OFFICER_HISTORY_VIEWED = "officer_history_viewed", _("Officer history viewed")
    EARLY_WARNING_RAISED = "early_warning_raised", _("Early warning raised")
    EARLY_WARNING_RESOLVED = "early_warning_resolved", _("Early warning resolved")
    EARLY_WARNING_POLICY_CHANGED = "early_warning_policy_changed", _("Early warning threshold changed")
    ANNUAL_OPENED = "annual_opened", _("Annual assessment opened")
    ANNUAL_VIEWED = "annual_viewed", _("Annual assessment viewed")
    ANNUAL_SCORED = "annual_scored", _("Annual assessment scored")
    ANNUAL_RECONCILED = "annual_reconciled", _("Annual assessment scores reconciled")
    ANNUAL_NOTE_ADDED = "annual_note_added", _("Advisory comment or recommendation added")
    ANNUAL_SIGNED_OFF = "annual_signed_off", _("Advisory sign-off or dissent recorded")
    ANNUAL_APPROVED = "annual_approved", _("Annual assessment approved")
    ANNUAL_PUBLISHED = "annual_published", _("Annual assessment published")
    RUBRIC_CHANGED = "rubric_changed", _("Assessment rubric changed")
    GOAL_CHANGED = "goal_changed", _("Program goal changed")
    WORK_PLAN_CHANGED = "work_plan_changed", _("Work plan changed")


# The broad action each kind files under, so a caller names only the kind.
# A kind missing here must be recorded with an explicit action.
KIND_ACTIONS = {
    AuditKind.SIGNED_IN: AuditAction.SIGNED_IN,
    AuditKind.SIGNED_OUT: AuditAction.SIGNED_OUT,
    AuditKind.SIGN_IN_FAILED: AuditAction.FAILED,
    AuditKind.MFA_FAILED: AuditAction.FAILED,
    AuditKind.MFA_ADDED: AuditAction.CREATED,
    AuditKind.MFA_REMOVED: AuditAction.DELETED,
    AuditKind.RECOVERY_CODES_REGENERATED: AuditAction.CHANGED,
    AuditKind.REVIEW_STARTED: AuditAction.CREATED,
    AuditKind.CASE_VIEWED: AuditAction.VIEWED,
    AuditKind.FILE_DOWNLOADED: AuditAction.VIEWED,
    AuditKind.QUEUE_EXPORTED: AuditAction.EXPORTED,
    AuditKind.AUDIT_EXPORTED: AuditAction.EXPORTED,
    AuditKind.TASK_CLAIMED: AuditAction.ASSIGNED,
    AuditKind.TASK_RELEASED: AuditAction.ASSIGNED,
    AuditKind.TASK_REASSIGNED: AuditAction.ASSIGNED,
    AuditKind.TRIAGED: AuditAction.CHANGED,
    AuditKind.REVIEW_RECORDED: AuditAction.CHANGED,
    AuditKind.OUTCOME_APPROVED: AuditAction.CHANGED,
    AuditKind.OUTCOME_SECOND_APPROVED: AuditAction.CHANGED,
    AuditKind.APPEAL_FILED: AuditAction.CREATED,
    AuditKind.APPEAL_DECIDED: AuditAction.CHANGED,
    AuditKind.NOTE_ADDED: AuditAction.CREATED,
    AuditKind.MESSAGE_PUBLISHED: AuditAction.CREATED,
    AuditKind.RECUSAL_ADDED: AuditAction.CREATED,
    AuditKind.RECUSAL_LIFTED: AuditAction.CHANGED,
    AuditKind.CLOSURE_CREATED: AuditAction.CREATED,
    AuditKind.CLOSURE_CHANGED: AuditAction.CHANGED,
    AuditKind.CLOSURE_DELETED: AuditAction.DELETED,
    AuditKind.DEADLINES_CHANGED: AuditAction.CHANGED,
    AuditKind.CANNED_CREATED: AuditAction.CREATED,
    AuditKind.CANNED_CHANGED: AuditAction.CHANGED,
    AuditKind.CANNED_DELETED: AuditAction.DELETED,
    AuditKind.MAIL_RESENT: AuditAction.CREATED,
    AuditKind.SURVEY_CREATED: AuditAction.CREATED,
    AuditKind.SURVEY_CHANGED: AuditAction.CHANGED,
    AuditKind.SURVEY_QUESTION_ADDED: AuditAction.CREATED,
    AuditKind.SURVEY_QUESTION_CHANGED: AuditAction.CHANGED,
    AuditKind.SURVEY_QUESTION_REMOVED: AuditAction.DELETED,
    AuditKind.SURVEY_PUBLISHED: AuditAction.CHANGED,
    AuditKind.SURVEY_VERSIONED: AuditAction.CREATED,
    AuditKind.BANK_ITEM_ADDED: AuditAction.CREATED,
    AuditKind.SURVEY_INVITED: AuditAction.CREATED,
    AuditKind.SURVEY_CODES_PRINTED: AuditAction.CREATED,
    AuditKind.SURVEY_CLASS_CODE_CREATED: AuditAction.CREATED,
    AuditKind.SURVEY_CLASS_CODE_DEACTIVATED: AuditAction.CHANGED,
    AuditKind.SURVEY_PAPER_ENTERED: AuditAction.CREATED,
    AuditKind.SURVEY_OPT_OUT_RECEIVED: AuditAction.CREATED,
    AuditKind.SURVEY_OPT_OUTS_VIEWED: AuditAction.VIEWED,
    AuditKind.SURVEY_RESULTS_VIEWED: AuditAction.VIEWED,
    AuditKind.SURVEY_RESULTS_EXPORTED: AuditAction.EXPORTED,
    AuditKind.SURVEY_RESULTS_SHARED: AuditAction.CHANGED,
    AuditKind.SURVEY_RESULTS_UNSHARED: AuditAction.CHANGED,
    AuditKind.SURVEY_COMMENT_REVIEWED: AuditAction.CHANGED,
    AuditKind.SURVEY_COMMENTS_VIEWED: AuditAction.VIEWED,
    AuditKind.SESSION_CREATED: AuditAction.CREATED,
    AuditKind.SESSION_CHANGED: AuditAction.CHANGED,
    AuditKind.SESSION_CANCELLED: AuditAction.CHANGED,
    AuditKind.ROSTER_VIEWED: AuditAction.VIEWED,
    AuditKind.ATTENDANCE_RECORDED: AuditAction.CHANGED,
    AuditKind.WALK_IN_ADDED: AuditAction.CREATED,
    AuditKind.CONSENT_RECORDED: AuditAction.CHANGED,
    AuditKind.HEARD_ADDED: AuditAction.CREATED,
    AuditKind.HEARD_CHANGED: AuditAction.CHANGED,
    AuditKind.HEARD_REVIEWED: AuditAction.CHANGED,
    AuditKind.THEME_ADDED: AuditAction.CREATED,
    AuditKind.SESSION_FEEDBACK_SET: AuditAction.CHANGED,
    AuditKind.SESSION_FEEDBACK_ISSUED: AuditAction.CREATED,
    AuditKind.SESSION_FEEDBACK_CARDS: AuditAction.VIEWED,
    AuditKind.SESSION_FEEDBACK_VIEWED: AuditAction.VIEWED,
    AuditKind.PARTNER_ROUND_OPENED: AuditAction.CREATED,
    AuditKind.PARTNER_RESULTS_VIEWED: AuditAction.VIEWED,
    AuditKind.PARTNER_CONCERNS_VIEWED: AuditAction.VIEWED,
    AuditKind.PARTNER_CONCERN_ANSWERED: AuditAction.CHANGED,
    AuditKind.ACTIVITY_EVENT_LOGGED: AuditAction.CREATED,
    AuditKind.ACTIVITY_OUTREACH_LOGGED: AuditAction.CREATED,
    AuditKind.ACTIVITY_RECORDS_VIEWED: AuditAction.VIEWED,
    AuditKind.ACTIVITY_EVENT_VIEWED: AuditAction.VIEWED,
    AuditKind.ACTIVITY_RECORDS_EXPORTED: AuditAction.EXPORTED,
    AuditKind.RETENTION_VIEWED: AuditAction.VIEWED,
    AuditKind.RETENTION_CHANGED: AuditAction.CHANGED,
    AuditKind.RETENTION_PURGED: AuditAction.DELETED,
    AuditKind.LEGAL_HOLD_PLACED: AuditAction.CREATED,
    AuditKind.LEGAL_HOLD_LIFTED: AuditAction.CHANGED,
    AuditKind.RELEASE_PUBLISHED: AuditAction.CREATED,
    AuditKind.RELEASES_VIEWED: AuditAction.VIEWED,
    AuditKind.TRAINING_VIEWED: AuditAction.VIEWED,
    AuditKind.TRAINING_EVENT_CREATED: AuditAction.CREATED,
    AuditKind.TRAINING_EVENT_CHANGED: AuditAction.CHANGED,
    AuditKind.TRAINING_ATTENDANCE_RECORDED: AuditAction.CHANGED,
    AuditKind.TRAINING_REQUIREMENTS_CHANGED: AuditAction.CHANGED,
    AuditKind.COMMITMENTS_VIEWED: AuditAction.VIEWED,
    AuditKind.COMMITMENT_CREATED: AuditAction.CREATED,
    AuditKind.COMMITMENT_CHANGED: AuditAction.CHANGED,
    AuditKind.COMMITMENT_UPDATE_ADDED: AuditAction.CREATED,
    AuditKind.ACTIVITY_IMPORT_CHECKED: AuditAction.CREATED,
    AuditKind.ACTIVITY_IMPORTED: AuditAction.CREATED,
    AuditKind.ACTIVITY_IMPORT_MAPPING_CHANGED: AuditAction.CHANGED,
    AuditKind.ACTIVITY_IMPORTS_VIEWED: AuditAction.VIEWED,
    AuditKind.ACTIVITY_COVERAGE_VIEWED: AuditAction.VIEWED,
    AuditKind.MONTHLY_OPENED: AuditAction.CREATED,
    AuditKind.MONTHLY_VIEWED: AuditAction.VIEWED,
    AuditKind.MONTHLY_CERTIFIED: AuditAction.CHANGED,
    AuditKind.MONTHLY_SCHOOL_REVIEWED: AuditAction.CHANGED,
    AuditKind.MONTHLY_SENT_BACK: AuditAction.CHANGED,
    AuditKind.MONTHLY_ACCEPTED: AuditAction.CHANGED,
    AuditKind.FLAG_RESOLVED: AuditAction.CHANGED,
    AuditKind.FLAGS_VIEWED: AuditAction.VIEWED,
    AuditKind.FLAGS_EXPORTED: AuditAction.EXPORTED,
    AuditKind.NOTICE_DEADLINES_CHANGED: AuditAction.CHANGED,
    AuditKind.COMPLAINT_RECORDED_BY_STAFF: AuditAction.CREATED,
    AuditKind.CASES_SEARCHED: AuditAction.VIEWED,
    AuditKind.COMPLAINTS_LINKED: AuditAction.CREATED,
    AuditKind.COMPLAINTS_UNLINKED: AuditAction.DELETED,
    AuditKind.COMPLAINT_MARKED_DUPLICATE: AuditAction.CHANGED,
    AuditKind.COMPLAINT_WITHDRAWN: AuditAction.CHANGED,
    AuditKind.COMPLAINT_REOPENED: AuditAction.CHANGED,
    AuditKind.CASEFILE_PRINTED: AuditAction.EXPORTED,
    AuditKind.REDACTED_EXPORTED: AuditAction.EXPORTED,
    AuditKind.STAFF_FILE_ADDED: AuditAction.CREATED,
    AuditKind.OFFICER_HISTORY_VIEWED: AuditAction.VIEWED,
    AuditKind.EARLY_WARNING_RAISED: AuditAction.CREATED,
    AuditKind.EARLY_WARNING_RESOLVED: AuditAction.CHANGED,
    AuditKind.EARLY_WARNING_POLICY_CHANGED: AuditAction.CHANGED,
    # ADMIN_CHANGE: created, changed or deleted, as the admin log says.
    AuditKind.ANNUAL_OPENED: AuditAction.CREATED,
    AuditKind.ANNUAL_VIEWED: AuditAction.VIEWED,
    AuditKind.ANNUAL_SCORED: AuditAction.CHANGED,
    AuditKind.ANNUAL_RECONCILED: AuditAction.CHANGED,
    AuditKind.ANNUAL_NOTE_ADDED: AuditAction.CREATED,
    AuditKind.ANNUAL_SIGNED_OFF: AuditAction.CHANGED,
    AuditKind.ANNUAL_APPROVED: AuditAction.CHANGED,
    AuditKind.ANNUAL_PUBLISHED: AuditAction.CREATED,
    AuditKind.RUBRIC_CHANGED: AuditAction.CHANGED,
    AuditKind.GOAL_CHANGED: AuditAction.CHANGED,
    AuditKind.WORK_PLAN_CHANGED: AuditAction.CHANGED,
}


def audit_kind_choices() -> list[tuple[str, str]]:
    """``AuditKind``'s choices, read when a form or the admin asks for them."""
    return AuditKind.choices


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    # Bulk changes would bypass Model.save()/delete(); the log is append-only.
    def update(self, **kwargs):
        # The one allowed update: Django's on_delete=SET_NULL when an account
        # is deleted. actor_repr keeps who it was; the trigger allows the same.
        if kwargs == {"actor": None}:
            return super().update(**kwargs)
        raise AppendOnlyError("Audit events cannot be updated.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    _raw_delete = delete


class AuditPurgeGate(models.Model):
    """While a row of this table exists in a transaction, the database lets that transaction delete audit events.

    Only ``core.audit.audit_events_purge`` (the retention schedule) opens it, inside its own transaction; other
    transactions never see the uncommitted row, so for them the log stays append-only (migration 0012)."""

    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit purge gate")
        verbose_name_plural = _("audit purge gates")

    def __str__(self):
        return f"audit purge gate {self.opened_at:%Y-%m-%d %H:%M}"


class AuditEvent(models.Model):
    """One thing someone did, kept until the district's retention schedule purges it (and never under a legal hold).
    Written with ``core.audit.audit_record``."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        # SET_NULL is done by Django, through AuditEventQuerySet.update; the
        # database trigger allows only that one update (migration 0002).
    )
    # Kept as text so the log still says who acted after the account is gone.
    actor_repr = models.CharField(_("who (as recorded)"), max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    # Blank only on events written before kinds existed. The choices are named by
    # a function, so a kind added by a new feature needs no migration.
    kind = models.CharField(_("event"), max_length=40, choices=audit_kind_choices, blank=True, default="")
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The district the record belongs to, so each coordinator sees only their
    # district's events. A plain id: core may not import the accounts app.
    district_id = models.BigIntegerField(_("district"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        # Related-object handling (SET_NULL on user deletion) uses the base
        # manager; make it the guarded one too.
        base_manager_name = "objects"
        # The staff list always filters by district, newest first; each of its
        # filters (action, kind, actor, record type; date range on created_at) has
        # an index led by district_id.
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"], name="core_audit_object_idx"),
            models.Index(fields=["district_id", "-created_at"], name="core_audit_district_idx"),
            models.Index(fields=["district_id", "action", "-created_at"], name="core_audit_district_action_idx"),
            models.Index(fields=["district_id", "kind", "-created_at"], name="core_audit_district_kind_idx"),
            models.Index(fields=["district_id", "actor", "-created_at"], name="core_audit_district_actor_idx"),
            models.Index(fields=["district_id", "content_type", "-created_at"], name="core_audit_district_type_idx"),
        ]

    def __str__(self):
        what = self.kind or self.action
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr or '-'} {what} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")


class RateCounter(models.Model):
    """Attempts counted for one rate-limit key in one fixed window (core.ratelimit).

    A table of its own, not the cache: nothing but age removes a counter, so a
    flood of new visitors cannot make the site forget who is over a limit.
    """

    # sha256 of the caller's key and the period: no address or session key is stored.
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="core_ratecounter_key_window")]

    def __str__(self):
        return f"{self.key[:12]}… {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class WorkerHeartbeat(models.Model):
    """When a job worker last said it is alive (core.jobs.heartbeat): a worker
    silent for JOB_HEARTBEAT_TIMEOUT_SECONDS is taken to be dead, and its job
    runs again without waiting for the job's lease."""

    worker_id = models.CharField(max_length=64, primary_key=True)  # django-tasks' limit
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
