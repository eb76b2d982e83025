"""How one cell of an agency's file becomes one of our values; a cell we cannot read raises ``ValueError`` with a
translated message, which django-import-export reports against that row and column."""

import datetime as dt
import re

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from import_export import widgets

YES = {"yes", "y", "true", "t", "1", "x", "si", "sí", "s", "verdadero"}
NO = {"no", "n", "false", "f", "0", "", "falso"}
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d")
DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M")


def norm(value) -> str:
    """A cell or a name compared without case, accents of spaces or punctuation."""
    text = str(value).strip().lower()
    return re.sub(r"[^a-z0-9ñáéíóúü]", "", text)


def cell_text(value) -> str:
    """The cell as text; Excel's whole numbers (1234.0) without their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class TextCell(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)[:80]


class DateCell(widgets.Widget):
    """A date cell of Excel, or text written 2026-10-05 or 10/05/2026 (month first)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = cell_text(value)
        if not text:
            raise ValueError(_("The date is missing."))
        for form in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, form).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as 2026-10-05 or 10/05/2026.") % {"value": text})


class DateTimeCell(widgets.Widget):
    """An optional moment (Excel's, or text written 2026-10-05 14:30 or 10/05/2026 14:30, local time); empty is not
    known."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        text = cell_text(value)
        if not text:
            return None
        for form in DATETIME_FORMATS:
            try:
                return timezone.make_aware(dt.datetime.strptime(text, form))
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date and time; write it as 2026-10-05 14:30.") % {"value": text})


class YesNoCell(widgets.Widget):
    """Yes or no in English or Spanish (Y/N, true/false, 1/0, sí); empty means no."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("“%(value)s” is neither yes nor no.") % {"value": cell_text(value)})


class CountCell(widgets.Widget):
    """A whole number; an empty cell means not known (None), never zero."""

    def __init__(self, *, required: bool = False):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(_("This number is missing."))
            return None
        if re.fullmatch(r"-\s*\d+", text):
            raise ValueError(_("“%(value)s” cannot be negative.") % {"value": text})
        if not re.fullmatch(r"\d+", text):
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text})
        return int(text)


class ChoiceCell(widgets.Widget):
    """One of our choices, written as its code or its English or Spanish name; empty means not known."""

    def __init__(self, *, choices, required: bool = False):
        super().__init__()
        self.required = required
        self.by_name = {}
        for code, label in choices:
            if not code:
                continue
            self.by_name[norm(code)] = code
            for language in ("en", "es"):
                with translation.override(language):
                    self.by_name.setdefault(norm(label), code)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(_("This value is missing."))
            return ""
        try:
            return self.by_name[norm(text)]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not one of the values we know; add it to the codes of the mapping.") % {"value": text}
            ) from None


class LookupCell(widgets.Widget):
    """A school, officer or offence found by any of its names (read once for the whole file)."""

    def __init__(self, *, objects, names, missing: str, unknown: str, required: bool = True):
        super().__init__()
        self.required, self.missing, self.unknown = required, missing, unknown
        self.by_name = {}
        for obj in objects:
            for name in names(obj):
                if name:
                    self.by_name.setdefault(norm(name), obj)

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.required:
                raise ValueError(self.missing)
            return None
        try:
            return self.by_name[norm(text)]
        except KeyError:
            raise ValueError(self.unknown % {"value": text}) from None
