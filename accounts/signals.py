"""Sign-ins, sign-outs, failed sign-ins, authenticator changes and changes made in
Django's admin, written to the audit log. Connected in AccountsConfig.ready().

Events about a staff member go to each district they hold a staff role in, so
that district's coordinators see them. Events about anyone else (students,
families, community members) go to no district: the operators read those in
Django's admin, and a district's staff never see when or from where a family
signs in.
"""

from allauth.mfa import signals as mfa_signals
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save

from accounts.access import scope_for
from accounts.models import STAFF_ROLES
from core.audit import AuditKind, audit_admin_entry, audit_record

# The credentials a sign-in form sends that name the account; Django has
# already masked the password in the signal, and it is never read here.
_LOGIN_KEYS = ("email", "login", "username")
_MAX_LOGIN = 254


def _district_ids(user) -> list[int | None]:
    return sorted(scope_for(user).district_ids(*STAFF_ROLES)) or [None]


def _record_for_person(*, person, kind: str, actor, request, note: str = "") -> None:
    for district_id in _district_ids(person):
        audit_record(actor=actor, kind=kind, obj=person, note=note, request=request, district_id=district_id)


def on_signed_in(sender, request, user, **kwargs):
    _record_for_person(person=user, kind=AuditKind.SIGNED_IN, actor=user, request=request)


def on_signed_out(sender, request, user, **kwargs):
    if user is None:  # the session had already ended
        return
    _record_for_person(person=user, kind=AuditKind.SIGNED_OUT, actor=user, request=request)


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # The address tried is an operator's security record: kept, as typed
    # (shortened), so that guessing at an account shows up.
    attempted = next((str(credentials[key]) for key in _LOGIN_KEYS if credentials.get(key)), "")[:_MAX_LOGIN]
    person = get_user_model().objects.filter(email__iexact=attempted).first() if attempted else None
    if person is None:
        audit_record(actor=None, kind=AuditKind.SIGN_IN_FAILED, obj=None, note=attempted, request=request)
        return
    _record_for_person(person=person, kind=AuditKind.SIGN_IN_FAILED, actor=None, request=request, note=attempted)


def on_mfa_failed(sender, request, user, **kwargs):
    _record_for_person(person=user, kind=AuditKind.MFA_FAILED, actor=None, request=request)


def _on_authenticator(kind):
    def receiver(sender, request, user, authenticator=None, **kwargs):
        # The note is the authenticator's type code (totp, recovery_codes).
        note = getattr(authenticator, "type", "") or ""
        _record_for_person(person=user, kind=kind, actor=user, request=request, note=note)

    return receiver


on_authenticator_added = _on_authenticator(AuditKind.MFA_ADDED)
on_authenticator_removed = _on_authenticator(AuditKind.MFA_REMOVED)
on_recovery_codes_regenerated = _on_authenticator(AuditKind.RECOVERY_CODES_REGENERATED)


def on_admin_log_entry(sender, instance: LogEntry, created: bool, raw: bool = False, **kwargs):
    # Django's admin writes one LogEntry per record it adds, changes or
    # deletes (several at once only for "delete selected", see
    # accounts.admin.delete_selected), inside the change's transaction.
    if not created or raw:
        return
    account = get_user_model()
    is_account = instance.content_type_id is not None and instance.content_type.model_class() is account
    person = account.objects.filter(pk=instance.object_id).first() if is_account else None
    if person is None:
        audit_admin_entry(instance)
        return
    # An account has no district of its own; its roles (edited on the same
    # page) say which districts' coordinators must see the change.
    districts = sorted(set(person.memberships.values_list("district_id", flat=True))) or [None]
    for district_id in districts:
        audit_admin_entry(instance, district_id=district_id)


def connect() -> None:
    """Connects every receiver above (called once, from AccountsConfig.ready)."""
    auth_signals.user_logged_in.connect(on_signed_in, dispatch_uid="audit_signed_in")
    auth_signals.user_logged_out.connect(on_signed_out, dispatch_uid="audit_signed_out")
    auth_signals.user_login_failed.connect(on_sign_in_failed, dispatch_uid="audit_sign_in_failed")
    mfa_signals.authentication_failed.connect(on_mfa_failed, dispatch_uid="audit_mfa_failed")
    mfa_signals.authenticator_added.connect(on_authenticator_added, dispatch_uid="audit_mfa_added")
    mfa_signals.authenticator_removed.connect(on_authenticator_removed, dispatch_uid="audit_mfa_removed")
    mfa_signals.authenticator_reset.connect(on_recovery_codes_regenerated, dispatch_uid="audit_recovery_codes")
    post_save.connect(on_admin_log_entry, sender=LogEntry, dispatch_uid="audit_admin_log_entry")
