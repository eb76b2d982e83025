"""Where imported SRO records came from: each agency's column mapping and each file read (issue 13)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency


class RecordKind(models.TextChoices):
    EVENTS = "events", _("Enforcement events")
    OUTREACH = "outreach", _("Outreach activities")


class ImportMapping(models.Model):
    """How one agency's export names our fields: ``{our field: their column header}``, and their codes
    for our choices: ``{our field: {their code: our code}}``."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency"))
    kind = models.CharField(_("records"), max_length=10, choices=RecordKind.choices)
    columns = models.JSONField(_("columns"), default=dict, blank=True)
    value_maps = models.JSONField(_("codes"), default=dict, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="import_mapping_once_per_kind")]

    def __str__(self):
        return f"{self.agency} {self.get_kind_display()}"

    @property
    def audit_district_id(self):
        return self.agency.district_id


class BatchStatus(models.TextChoices):
    CHECKED = "checked", _("Checked (dry run)")
    IMPORTED = "imported", _("Imported")


class ImportBatch(models.Model):
    """One uploaded file: what it was (name, SHA-256), who sent it, what the dry run found and what was imported.

    ``content`` holds the file between the dry run and the import only; it is emptied once imported.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    kind = models.CharField(_("records"), max_length=10, choices=RecordKind.choices)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content = models.BinaryField(_("file content"), blank=True, editable=False)
    headers = models.JSONField(_("column headers"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.CHECKED)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("sent by")
    )
    uploaded_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    valid_rows_only = models.BooleanField(_("valid rows only"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    new = models.PositiveIntegerField(_("new records"), default=0)
    updated = models.PositiveIntegerField(_("changed records"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged records"), default=0)
    invalid = models.PositiveIntegerField(_("rows with errors"), default=0)
    # [{"row": file row, "column": their header or "", "messages": [...]}], in the checker's language.
    errors = models.JSONField(_("row errors"), default=list, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["agency", "uploaded_at"], name="import_agency_uploaded")]

    def __str__(self):
        return f"{self.file_name} ({self.uploaded_at:%Y-%m-%d %H:%M})"

    @property
    def audit_district_id(self):
        return self.agency.district_id

    @property
    def has_whole_file_errors(self) -> bool:
        """Whether the last check found an error of the whole file (a required column not chosen, say): such a
        file cannot be imported, not even its valid rows."""
        return any(error["row"] is None for error in self.errors)
