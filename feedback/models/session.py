"""A dialogue session: what, where, when, for whom, and how many seats."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models.registration import SEATED


class SessionKind(models.TextChoices):
    STUDENT_DIALOGUE = "student_dialogue", _("Student group dialogue")
    LISTENING = "listening", _("Open listening session")
    MOU_MEETING = "mou_meeting", _("Annual MOU safety meeting")
    ROUNDTABLE = "roundtable", _("SRO and student roundtable")


class SessionQuerySet(models.QuerySet):
    def with_seats_taken(self):
        """Each session with ``seats_taken`` (the seats held) counted in the same query, for lists."""
        return self.annotate(seats_taken=Count("registrations", filter=Q(registrations__status__in=SEATED)))


class Session(models.Model):
    """The texts a reader sees are kept in English and Spanish (``<name>_en``, ``<name>_es``) and shown in the
    reader's language by ``core.i18n.pick`` (English when the Spanish is blank). Times are stored in UTC and
    shown in the district's time zone (settings.TIME_ZONE). ``uid`` stays the same for the life of the session
    and ``sequence`` grows with every change people were told about, so calendars replace the event instead of
    adding a second one."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.PROTECT, related_name="sessions", verbose_name=_("district")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    schools = models.ManyToManyField("accounts.School", related_name="sessions", verbose_name=_("schools"))
    audience_en = models.CharField(
        _("audience (English)"), max_length=200, blank=True, help_text=_("For example a named student group.")
    )
    audience_es = models.CharField(_("audience (Spanish)"), max_length=200, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_sessions", blank=True, verbose_name=_("facilitators")
    )
    school_attendees_en = models.CharField(_("who attends for the school (English)"), max_length=300, blank=True)
    school_attendees_es = models.CharField(_("who attends for the school (Spanish)"), max_length=300, blank=True)
    police_attendees_en = models.CharField(_("who attends for the police (English)"), max_length=300, blank=True)
    police_attendees_es = models.CharField(_("who attends for the police (Spanish)"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place_en = models.CharField(_("place (English)"), max_length=300, blank=True)
    place_es = models.CharField(_("place (Spanish)"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    reserved_seats = models.PositiveIntegerField(_("seats reserved for a student group"), default=0)
    reserved_group_en = models.CharField(_("group the seats are reserved for (English)"), max_length=200, blank=True)
    reserved_group_es = models.CharField(_("group the seats are reserved for (Spanish)"), max_length=200, blank=True)
    languages_en = models.CharField(
        _("languages (English)"), max_length=200, blank=True, help_text=_("For example: English, Spanish.")
    )
    languages_es = models.CharField(
        _("languages (Spanish)"), max_length=200, blank=True, help_text=_("For example: inglés, español.")
    )
    interpretation = models.BooleanField(_("interpretation offered"), default=False)
    accessibility_note_en = models.TextField(_("accessibility (English)"), blank=True)
    accessibility_note_es = models.TextField(_("accessibility (Spanish)"), blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    consent_required = models.BooleanField(_("minors need a guardian's consent"), default=False)
    consent_hold_days = models.PositiveSmallIntegerField(_("days a seat is held for consent"), default=7)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["district", "starts_at"], name="session_district_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(reserved_seats__lte=models.F("capacity")), name="session_reserved_within_capacity"
            ),
        ]

    def __str__(self):
        return self.title_en

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def seats_left(self) -> int:
        """Seats nobody holds (confirmed or waiting for consent), reserved ones included: from the
        ``seats_taken`` a list counted (``with_seats_taken``), else counted now for this one session."""
        taken = getattr(self, "seats_taken", None)
        if taken is None:
            taken = self.registrations.filter(status__in=SEATED).count()
        return max(self.capacity - taken, 0)

    def registration_open(self, now=None) -> bool:
        """Whether people may sign up now (before the start, inside the window, not cancelled)."""
        now = now or timezone.now()
        if self.is_cancelled or now >= self.starts_at:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)
