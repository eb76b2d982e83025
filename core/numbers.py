"""Numbers as the reader's language writes them: the one rule for a percentage on a page, in a chart or in a PDF."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def percent_text(value) -> str:
    """``value`` (already in per cent) as the active language writes a percentage: "44.4%" in English, "44,4 %"
    (a decimal comma and a non-breaking space, the RAE/ISO 31 convention) in Spanish. ``None`` gives "—"."""
    if value is None:
        return "—"
    return _("%(value)s%%") % {"value": number_format(value)}
