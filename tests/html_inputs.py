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


class _Forms(HTMLParser):
    """Each ``<form>``'s method, action and the values it would send unchanged (file inputs and buttons left out;
    a radio group or a select with nothing chosen sends its first choice, as a person would pick one)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or ""}
            self._form["fields"] = {}
            self.forms.append(self._form)
            return
        name = attrs.get("name")
        if self._form is None:
            return
        fields = self._form["fields"]
        if tag == "input" and name and attrs.get("type") not in ("file", "submit", "button", "image", "reset"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs or name not in fields:
                fields[name] = attrs.get("value", "on" if attrs.get("type") in ("checkbox", "radio") else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and (self._select not in fields or "selected" in attrs):
            fields[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    """The page's forms: ``{"method", "action", "fields"}``, the fields as the form would send them unchanged."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms
