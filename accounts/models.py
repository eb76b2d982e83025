"""People, the organisations they belong to, and the SRO roster."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Signs in with their email address.

    ``is_staff`` only opens Django's admin site for operators; program roles
    come from ``Membership``.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, default="en", choices=[("en", "English"), ("es", "Español")]
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("site operator"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class District(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    school_admins_triage = models.BooleanField(
        _("school administrators triage complaints about their school"),
        default=False,
        help_text=_("Off: the district coordinator triages every complaint."),
    )
    outcome_second_approval = models.BooleanField(
        _("outcome letters need a second coordinator's approval"),
        default=False,
        help_text=_("On: a second coordinator approves every outcome letter before the complainant sees it."),
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown in results"),
        default=10,
        validators=[MinValueValidator(5)],
        help_text=_("Counts, percentages and means from fewer people are shown as suppressed."),
    )
    comment_threshold = models.PositiveSmallIntegerField(
        _("smallest group whose comments are shown"),
        default=20,
        validators=[MinValueValidator(5)],
        help_text=_("Reviewed free-text answers reach the advisory team only from groups at least this large."),
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SchoolLevel(models.TextChoices):
    """How reports group schools (the district's quarterly review goes level by level)."""

    ELEMENTARY = "elementary", _("Elementary")
    MIDDLE = "middle", _("Middle")
    HIGH = "high", _("High")
    OTHER = "other", _("Other")


class School(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="schools", verbose_name=_("district"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"))
    level = models.CharField(_("level"), max_length=12, choices=SchoolLevel.choices, default=SchoolLevel.OTHER)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "slug"], name="school_slug_unique_in_district")]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """The law-enforcement agency that is the district's MOU partner."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("partner district")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"))

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "slug"], name="agency_slug_unique_in_district")]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    STUDENT = "student", _("Student")
    GUARDIAN = "guardian", _("Parent or guardian")
    STAFF = "staff", _("School staff")
    COMMUNITY = "community", _("Community member")
    SCHOOL_ADMIN = "school_admin", _("School administrator")
    POLICE_REVIEWER = "police_reviewer", _("Police reviewer")
    SRO = "sro", _("School resource officer")
    COORDINATOR = "coordinator", _("District coordinator")
    ADVISORY = "advisory", _("Advisory team member")
    FACILITATOR = "facilitator", _("Dialogue facilitator")
    SUPERINTENDENT = "superintendent", _("Superintendent")
    AGENCY_HEAD = "agency_head", _("Police chief or agency head")


# Roles that open the staff area, and so must use two-factor authentication.
STAFF_ROLES = frozenset(
    {
        Role.SCHOOL_ADMIN,
        Role.POLICE_REVIEWER,
        Role.SRO,
        Role.COORDINATOR,
        Role.ADVISORY,
        Role.FACILITATOR,
        Role.SUPERINTENDENT,
        Role.AGENCY_HEAD,
    }
)
SCHOOL_ROLES = frozenset({Role.SCHOOL_ADMIN})
AGENCY_ROLES = frozenset({Role.POLICE_REVIEWER, Role.SRO, Role.AGENCY_HEAD})


class Membership(models.Model):
    """One role a user holds, scoped to a district and, for some roles, one
    school or one agency of that district."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("district")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("school")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships", verbose_name=_("agency")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=Q(school__isnull=True, agency__isnull=True),
                name="membership_unique_district_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_school_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "agency"],
                condition=Q(agency__isnull=False),
                name="membership_unique_agency_role",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(SCHOOL_ROLES), school__isnull=False, agency__isnull=True)
                    | Q(role__in=sorted(AGENCY_ROLES), agency__isnull=False, school__isnull=True)
                    | (~Q(role__in=sorted(SCHOOL_ROLES | AGENCY_ROLES)) & Q(school__isnull=True, agency__isnull=True))
                ),
                name="membership_scope_matches_role",
            ),
        ]

    def __str__(self):
        scope = self.school or self.agency or self.district
        return f"{self.user} — {self.get_role_display()} ({scope})"

    def clean(self):
        if self.school_id and self.school.district_id != self.district_id:
            raise ValidationError({"school": _("The school must belong to the membership's district.")})
        if self.agency_id and self.agency.district_id != self.district_id:
            raise ValidationError({"agency": _("The agency must belong to the membership's district.")})


class Officer(models.Model):
    """A sworn officer of a partner agency. May or may not have an account."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="officers", verbose_name=_("agency"))
    full_name = models.CharField(_("full name"), max_length=200)
    badge_number = models.CharField(_("badge number"), max_length=40, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="officer", verbose_name=_("account")
    )

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")
        ordering = ["full_name"]

    def __str__(self):
        return f"{self.full_name} ({self.badge_number})" if self.badge_number else self.full_name


class RosterAssignmentQuerySet(models.QuerySet):
    def on(self, day):
        """Assignments in force on ``day``."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class RosterAssignment(models.Model):
    """Which officer serves which school, from when to when (inclusive)."""

    officer = models.ForeignKey(
        Officer, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("officer")
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="roster", verbose_name=_("school"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = RosterAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("roster assignment")
        verbose_name_plural = _("roster assignments")
        ordering = ["school__name", "starts_on"]
        indexes = [models.Index(fields=["school", "starts_on", "ends_on"], name="roster_school_dates")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="roster_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.officer} @ {self.school}"

    def clean(self):
        if self.officer_id and self.school_id and self.officer.agency.district_id != self.school.district_id:
            raise ValidationError(_("The officer's agency is not a partner of this school's district."))
