"""The import pages' forms: the upload, the column mapping (with the agency's codes) and the import choice."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activity.imports.files import MAX_BYTES
from activity.imports.mapping import FIELDS, REQUIRED, codes_of, field_label
from activity.models import RecordKind
from core.schoolyear import school_year_label, school_year_of


class UploadForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("The file holds"), choices=RecordKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or Excel (.xlsx), at most 5 MB and 20,000 rows; the first row names the columns."),
        error_messages={"empty": _("The file is empty.")},
        validators=[
            FileExtensionValidator(
                allowed_extensions=["csv", "xlsx"],
                message=_("Choose a CSV (.csv) or Excel (.xlsx) file; save the table in one of these formats."),
            )
        ],
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,text/csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into smaller files."))
        return upload


class MappingForm(forms.Form):
    """One choice of their column per field of ours, and their codes, one per line: ``field: theirs = ours``."""

    def __init__(self, *args, kind: str, headers: list[str], columns: dict, value_maps: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        choices = [("", _("— not in the file —")), *((h, h) for h in headers if h)]
        for name in FIELDS[kind]:
            self.fields[name] = forms.ChoiceField(
                label=field_label(kind, name),
                choices=choices,
                required=name in REQUIRED[kind],
                initial=columns.get(name, ""),
            )
        self.fields["codes"] = forms.CharField(
            label=_("Their codes"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
            initial=_codes_text(value_maps),
            help_text=_("One per line, as field: their code = our code, for example student_race: B = black."),
        )

    def clean_codes(self):
        maps: dict[str, dict[str, str]] = {}
        for number, line in enumerate(self.cleaned_data["codes"].splitlines(), 1):
            if not line.strip():
                continue
            name, sep, rest = line.partition(":")
            theirs, eq, ours = rest.partition("=")
            name = name.strip()
            if not (sep and eq and name in FIELDS[self.kind] and theirs.strip() and ours.strip()):
                raise forms.ValidationError(
                    _("Line %(n)s is not written as field: their code = our code.") % {"n": number}
                )
            known = codes_of(self.kind, name)
            if known is not None and ours.strip() not in known:
                raise forms.ValidationError(
                    _("Line %(n)s: “%(code)s” is not one of our codes for this field (%(codes)s).")
                    % {"n": number, "code": ours.strip(), "codes": ", ".join(sorted(known))}
                )
            maps.setdefault(name, {})[theirs.strip()] = ours.strip()
        return maps

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in FIELDS[self.kind] if data.get(name)]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Each column of the file can hold one field only."))
        return data

    def columns(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in FIELDS[self.kind] if self.cleaned_data.get(name)}

    def column_fields(self):
        return [self[name] for name in FIELDS[self.kind]]


def _codes_text(value_maps: dict) -> str:
    lines = (f"{name}: {theirs} = {ours}" for name, codes in value_maps.items() for theirs, ours in codes.items())
    return "\n".join(lines)


class ImportForm(forms.Form):
    valid_rows_only = forms.BooleanField(
        label=_("Import the valid rows only"),
        required=False,
        help_text=_("Rows with errors are left out; correct them and import the file again later."),
    )


class CoverageForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False, empty_label=_("All my agencies"))
    year = forms.TypedChoiceField(label=_("School year"), coerce=int, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        current = school_year_of(timezone.localdate())
        self.fields["year"].choices = [(y, school_year_label(y)) for y in range(current, current - 5, -1)]
        self.fields["year"].initial = current
