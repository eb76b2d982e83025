"""django-import-export ``Resource``s for one agency's enforcement events and outreach activities.

A resource reads a dataset already under our field names (``mapping.dataset_translate``). It finds an existing
record by (agency, external id), so importing the same file twice changes nothing (``skip_unchanged``), and it
refuses a row that the officer's form would refuse: a missing record number, a school outside the district, an
officer of another agency, a date in the future or in a locked month (the rule of
``activity.services.locks``, read once per file), a type that needs an offence without one.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import RowResult

from accounts.models import Officer, School
from activity.imports import widgets as cells
from activity.imports.mapping import FIELDS
from activity.models import (
    Disability,
    EnforcementEvent,
    EventType,
    Gender,
    Grade,
    Offence,
    OutreachActivity,
    OutreachKind,
    RaceEthnicity,
    RecordKind,
    YesNoUnknown,
)
from activity.services.event_checks import CUSTODY_CHECKS, CUSTODY_FIELDS, event_errors
from activity.services.locks import locked_months, month_start

_YES_NO = (
    "referred_for_charging",
    "school_officials_involved",
    "real_threat",
    "school_discipline",
    *CUSTODY_CHECKS,
)
_RELATED = ("school", "officer", "offence", "agency", "import_batch", "recorded_by")
_CHOICES = {
    "type": (EventType.choices, True),
    "kind": (OutreachKind.choices, True),
    "student_grade": (Grade.choices, False),
    "student_gender": (Gender.choices, False),
    "student_race": (RaceEthnicity.choices, False),
    "student_disability": (Disability.choices, False),
    "student_english_learner": (YesNoUnknown.choices, False),
}


class _RowResult(RowResult):
    def add_instance_info(self, instance):
        # Only the id: the record's text (its translated type) is never shown and would cost a translation a row.
        self.object_id = getattr(instance, "pk", None)


class _AgencyRecords(resources.ModelResource):
    """One agency's records: its officers, its district's schools and offences; ``batch`` is set on what is saved."""

    def __init__(self, *, agency, batch=None, by=None):
        super().__init__()
        self.agency, self.batch, self.by = agency, batch, by
        self.seen_ids: dict[str, int] = {}
        # Read once: asking ``month_is_locked`` per row would cost a query per row.
        self.locked = locked_months(district_id=agency.district_id)
        self.fields = {name: self._field(name) for name in FIELDS[self.kind]}

    class Meta:
        abstract = True
        fields = ()
        import_id_fields = ("external_id",)
        instance_loader_class = CachedInstanceLoader
        # ``skip_row`` below compares a record with its row itself: no per-row Diff of every field.
        skip_unchanged = True
        skip_diff = True
        report_skipped = True
        # Rows are checked one by one (every error is ours, per row); saving them in batches spares a savepoint
        # and an INSERT per row.
        use_bulk = True
        batch_size = 500
        clean_model_instances = True

    def _field(self, name: str) -> fields.Field:
        return fields.Field(attribute=name, column_name=name, widget=self._widget(name))

    def _widget(self, name: str):
        district_id = self.agency.district_id
        if name == "external_id":
            return cells.TextCell()
        if name == "date":
            return cells.DateCell()
        if name == "school":
            return cells.LookupCell(
                objects=School.objects.filter(district_id=district_id),
                names=lambda s: (s.name, s.slug),
                missing=_("The school is missing."),
                unknown=_("No school of the district is called “%(value)s”."),
            )
        if name == "officer":
            return cells.LookupCell(
                objects=Officer.objects.filter(agency=self.agency),
                names=lambda o: (o.badge_number, o.full_name),
                missing=_("The officer is missing."),
                unknown=_("No officer of the agency has the badge number or name “%(value)s”."),
            )
        if name == "offence":
            return cells.LookupCell(
                objects=Offence.objects.filter(district_id=district_id),
                names=lambda o: (o.code, o.name_en, o.name_es),
                missing="",
                unknown=_("“%(value)s” is not on the district's offence list."),
                required=False,
            )
        if name in _CHOICES:
            choices, required = _CHOICES[name]
            return cells.ChoiceCell(choices=choices, required=required)
        if name in _YES_NO:
            return cells.YesNoCell()
        if name.endswith("_notified_at"):
            return cells.DateTimeCell()
        return cells.CountCell(required=name == "minutes")

    def get_queryset(self):
        # The comparison of an existing record with the row reads these: no query per row for them.
        return self._meta.model.objects.filter(agency=self.agency).select_related(*self._related_read)

    def get_instance(self, instance_loader, row):
        if not cells.cell_text(row.get("external_id")):
            return None  # refused in import_instance
        return super().get_instance(instance_loader, row)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self._check_row(instance, row, errors, kwargs.get("row_number", 0))
        if errors:
            raise ValidationError(errors)

    def _check_row(self, instance, row, errors: dict, number: int) -> None:
        external_id = cells.cell_text(row.get("external_id"))
        if not external_id:
            errors.setdefault("external_id", []).append(_("The agency's record number is required in imports."))
        elif external_id in self.seen_ids:
            message = _("Row %(row)s of the file has the same record number.") % {"row": self.seen_ids[external_id]}
            errors.setdefault("external_id", []).append(message)
        else:
            self.seen_ids[external_id] = number + 1  # the file's row (its first row names the columns)
        if "date" not in errors and instance.date and instance.date > timezone.localdate():
            errors.setdefault("date", []).append(_("The date cannot be in the future."))

    @classmethod
    def get_row_result_class(cls):
        return _RowResult

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.agency = self.agency
        self._before = None if new else self._values(instance)

    def _values(self, instance) -> list:
        return [field.get_value(instance) for field in self.fields.values()]

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An existing record the row would not change is skipped: importing the same file again changes nothing."""
        return not import_validation_errors and self._before is not None and self._values(instance) == self._before

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # After ``skip_row``: an unchanged record in a locked month is no error, a change to one is.
        errors = dict(import_validation_errors or {})
        dated = instance.school_id and instance.date and "date" not in errors
        if dated and (instance.school_id, month_start(instance.date)) in self.locked:
            errors["date"] = [_("This month's records at this school were reviewed and locked.")]
        # The related records come from our own lists and the record number is what found the record (the
        # database constraint stays the backstop): no query per row for them.
        try:
            instance.full_clean(exclude=[*errors, *_RELATED], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def get_bulk_update_fields(self):
        # A changed record now comes from this file.
        return [*super().get_bulk_update_fields(), "import_batch"]

    def before_save_instance(self, instance, row, **kwargs):
        instance.import_batch = self.batch
        if instance.recorded_by_id is None:
            instance.recorded_by = self.by


class EventResource(_AgencyRecords):
    kind = RecordKind.EVENTS
    _related_read = ("school", "officer", "offence")

    class Meta(_AgencyRecords.Meta):
        model = EnforcementEvent

    def _check_row(self, instance, row, errors: dict, number: int) -> None:
        super()._check_row(instance, row, errors, number)
        if "type" in errors:
            return
        values = {name: getattr(instance, name) for name in CUSTODY_FIELDS}
        found = event_errors(kind=instance.type, has_offence=instance.offence_id is not None, values=values)
        for name, message in found.items():
            if name not in errors:
                errors[name] = [str(message)]


class OutreachResource(_AgencyRecords):
    kind = RecordKind.OUTREACH
    _related_read = ("school", "officer")

    class Meta(_AgencyRecords.Meta):
        model = OutreachActivity


RESOURCES = {RecordKind.EVENTS: EventResource, RecordKind.OUTREACH: OutreachResource}
