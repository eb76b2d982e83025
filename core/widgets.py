"""The browser's own date and time pickers, for every form of the site.

An ``<input type="date">`` only takes ``2026-12-07`` (and ``type="time"`` ``14:30``, ``type="datetime-local"``
``2026-12-07T14:30``); Django would otherwise render a value from the server in the reader's language
(``07/12/2026`` in Spanish), which the browser shows as empty, and the date is lost on saving. These widgets always
render the value in that format; what the browser sends back is read by every language's input formats.
"""

from django import forms


class DateInput(forms.DateInput):
    """A native date picker; ISO text where the browser has none."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """A native time picker (hours and minutes)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker (local time, to the minute)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")
