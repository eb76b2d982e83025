"""What a browser keeps of the value the server put in an ``<input>``.

A date or time input drops a value not written the way HTML defines it (``07/12/2026`` becomes empty), so a form
posted back unchanged sends what these functions return, not what the page said.
"""

import re
from html.parser import HTMLParser

# HTML's "valid date / time / local date and time strings" (seconds optional).
_VALID = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "time": re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
    "datetime-local": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"),
}


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inputs: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.inputs.setdefault(attrs["name"], attrs)


def input_attrs(html: str, name: str) -> dict:
    """The attributes of the first ``<input name=name>`` of the page."""
    parser = _Inputs()
    parser.feed(html)
    return parser.inputs[name]


def browser_value(html: str, name: str) -> str:
    """The value the browser shows, and posts, for ``<input name=name>``."""
    attrs = input_attrs(html, name)
    value = attrs.get("value") or ""
    pattern = _VALID.get(attrs.get("type", "text"))
    if pattern and not pattern.fullmatch(value):
        return ""
    return value
