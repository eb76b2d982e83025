"""The records of issue 13: enforcement events, outreach activities and enrolment.

No record holds a student's name. Demographics are stored as they were when
the event happened; an empty value means unknown, never "none".
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency, District, Officer, School
from core.i18n import pick


class Offence(models.Model):
    """One entry of a district's offence list; public order offences matter to MOU item 7."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="offences", verbose_name=_("district")
    )
    code = models.SlugField(_("code"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    public_order = models.BooleanField(_("public order offence"), default=False)
    active = models.BooleanField(_("offered on the form"), default=True)

    class Meta:
        verbose_name = _("offence")
        verbose_name_plural = _("offences")
        ordering = ["name_en"]
        constraints = [models.UniqueConstraint(fields=["district", "code"], name="offence_code_unique_in_district")]

    def __str__(self):
        return pick(self, "name")


class EventType(models.TextChoices):
    CALL_FOR_SERVICE = "call", _("Call for service")
    SEARCH = "search", _("Search")
    QUESTIONING = "questioning", _("Questioning")
    CITATION = "citation", _("Citation, ticket or summons")
    PETITION = "petition", _("Delinquency petition")
    PROBATION_REFERRAL = "probation", _("Referral to probation")
    ARREST = "arrest", _("Arrest or custody")
    JUSTICE_REFERRAL = "justice_referral", _("Other referral to juvenile justice")
    USE_OF_FORCE = "force", _("Use of force")


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    __empty__ = _("Not known")


class Grade(models.TextChoices):
    PRE_K = "pk", _("Pre-kindergarten")
    K = "k", _("Kindergarten")
    G1 = "1", "1"
    G2 = "2", "2"
    G3 = "3", "3"
    G4 = "4", "4"
    G5 = "5", "5"
    G6 = "6", "6"
    G7 = "7", "7"
    G8 = "8", "8"
    G9 = "9", "9"
    G10 = "10", "10"
    G11 = "11", "11"
    G12 = "12", "12"
    __empty__ = _("Not known")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NONBINARY = "nonbinary", _("Nonbinary")
    __empty__ = _("Not known")


class RaceEthnicity(models.TextChoices):
    """The federal Civil Rights Data Collection's seven categories."""

    HISPANIC = "hispanic", _("Hispanic or Latino of any race")
    NATIVE = "native", _("American Indian or Alaska Native")
    ASIAN = "asian", _("Asian")
    BLACK = "black", _("Black or African American")
    PACIFIC = "pacific", _("Native Hawaiian or Other Pacific Islander")
    WHITE = "white", _("White")
    TWO_OR_MORE = "two_or_more", _("Two or more races")
    __empty__ = _("Not known")


class Disability(models.TextChoices):
    NONE = "none", _("No disability recorded")
    IEP = "iep", _("IEP (IDEA)")
    SECTION_504 = "504", _("Section 504 plan only")
    __empty__ = _("Not known")


class _Record(models.Model):
    """What every SRO record has: when, where, who, and where it came from."""

    date = models.DateField(_("date"))
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school"))
    officer = models.ForeignKey(Officer, on_delete=models.PROTECT, related_name="+", verbose_name=_("officer"))
    # The officer's agency when recorded: police reviewers read their agency's records.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    # The agency's own record number, so a later import of the same file changes nothing.
    external_id = models.CharField(_("agency record number"), max_length=80, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The file it came from (None: logged on the form).
    import_batch = models.ForeignKey(
        "activity.ImportBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported from"),
    )

    class Meta:
        abstract = True

    @property
    def audit_district_id(self):
        return self.school.district_id


class EnforcementEvent(_Record):
    """One enforcement action by an SRO (MOU item 5, the state reports)."""

    type = models.CharField(_("type"), max_length=20, choices=EventType.choices)
    offence = models.ForeignKey(
        Offence, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("offence")
    )
    referred_for_charging = models.BooleanField(_("referred for charging"), default=False)
    school_officials_involved = models.BooleanField(_("school officials involved"), default=False)
    real_threat = models.BooleanField(_("there was a real and immediate threat"), default=False)
    school_discipline = models.BooleanField(_("enforcing school discipline"), default=False)
    # For an arrest or custody only.
    warrant = models.BooleanField(_("under a warrant"), default=False)
    principal_consulted = models.BooleanField(_("principal consulted"), default=False)
    guardian_notified = models.BooleanField(_("parent or guardian notified"), default=False)
    # When they were told, for the district's notification deadlines (activity.NoticeDeadline); empty: not recorded.
    principal_notified_at = models.DateTimeField(_("principal told at"), null=True, blank=True)
    guardian_notified_at = models.DateTimeField(_("parent or guardian told at"), null=True, blank=True)
    # The student as they were then; blank means not known.
    student_age = models.PositiveSmallIntegerField(
        _("student's age"), null=True, blank=True, validators=[MinValueValidator(3), MaxValueValidator(25)]
    )
    student_grade = models.CharField(_("grade"), max_length=3, choices=Grade.choices, blank=True)
    student_gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    student_race = models.CharField(_("race or ethnicity"), max_length=12, choices=RaceEthnicity.choices, blank=True)
    student_disability = models.CharField(
        _("disability (IEP or 504)"), max_length=4, choices=Disability.choices, blank=True
    )
    student_english_learner = models.CharField(
        _("English learner"), max_length=3, choices=YesNoUnknown.choices, blank=True
    )

    class Meta:
        verbose_name = _("enforcement event")
        verbose_name_plural = _("enforcement events")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["school", "date"], name="event_school_date"),
            models.Index(fields=["agency", "date"], name="event_agency_date"),
            models.Index(fields=["officer", "date"], name="event_officer_date"),
            models.Index(fields=["type", "date"], name="event_type_date"),
            models.Index(fields=["offence", "date"], name="event_offence_date"),
            models.Index(fields=["date"], name="event_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_id"], condition=~Q(external_id=""), name="event_external_id_per_agency"
            )
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.date:%Y-%m-%d} #{self.pk}"


class OutreachKind(models.TextChoices):
    PRESENTATION = "presentation", _("Presentation")
    STUDENT_GROUP = "student_group", _("Student group meeting")
    ORIENTATION = "orientation", _("Orientation talk")
    ELEMENTARY_VISIT = "elementary_visit", _("Elementary school visit")
    COMMUNITY_EVENT = "community_event", _("Community event")
    VISIBILITY = "visibility", _("Visible at lunch or in common areas")


class OutreachActivity(_Record):
    """An outreach or relationship activity; how many were reached may be unknown (blank)."""

    kind = models.CharField(_("kind"), max_length=20, choices=OutreachKind.choices)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes"), validators=[MinValueValidator(1), MaxValueValidator(1440)])

    class Meta:
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["school", "date"], name="outreach_school_date"),
            models.Index(fields=["agency", "date"], name="outreach_agency_date"),
            models.Index(fields=["officer", "date"], name="outreach_officer_date"),
            models.Index(fields=["kind", "date"], name="outreach_kind_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "external_id"], condition=~Q(external_id=""), name="outreach_external_id_per_agency"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d} #{self.pk}"


class EnrolmentDimension(models.TextChoices):
    ALL = "all", _("All students")
    GENDER = "gender", _("Gender")
    RACE = "race", _("Race or ethnicity")
    DISABILITY = "disability", _("Disability")
    ENGLISH_LEARNER = "english_learner", _("English learner")
    GRADE = "grade", _("Grade")


class Enrolment(models.Model):
    """How many students of one subgroup a school enrolled in a school year (for rates and risk ratios)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    school_year = models.PositiveSmallIntegerField(
        _("school year (the year it starts)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    dimension = models.CharField(_("subgroup dimension"), max_length=20, choices=EnrolmentDimension.choices)
    value = models.CharField(_("subgroup"), max_length=20, blank=True)
    count = models.PositiveIntegerField(_("students"))

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["school_year", "school", "dimension", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "dimension", "value"], name="enrolment_unique_subgroup"
            )
        ]

    def __str__(self):
        return f"{self.school} {self.school_year} {self.dimension}={self.value}: {self.count}"

    @property
    def audit_district_id(self):
        return self.school.district_id
