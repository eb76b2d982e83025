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


class AuditEvent(models.Model):
    """One thing someone did, kept forever. Written with ``core.audit.audit_record``."""

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
        # filters (action, actor, record type; date range on created_at) has
        # an index led by district_id.
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"], name="core_audit_object_idx"),
            models.Index(fields=["district_id", "-created_at"], name="core_audit_district_idx"),
            models.Index(fields=["district_id", "action", "-created_at"], name="core_audit_district_action_idx"),
            models.Index(fields=["district_id", "actor", "-created_at"], name="core_audit_district_actor_idx"),
            models.Index(fields=["district_id", "content_type", "-created_at"], name="core_audit_district_type_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr or '-'} {self.action} {self.object_repr}"

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
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="core_ratecounter_key_window")]

    def __str__(self):
        return f"{self.key[:12]}… {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
