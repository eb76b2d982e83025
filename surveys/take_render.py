"""The questions of one page of a published survey as HTML, fast.

Django renders every radio button and check box through its own template, so
a page of 13 scales costs more than everything else in a page turn. A
published survey is frozen (``surveys.structure``), so the questions of each
page are rendered once per process and language through the usual templates
(``partials/form_fields.html``, the same widgets), with no answer marked; each
request then only marks in the respondent's earlier answers (``checked``, a
number's or text's ``value``, a textarea's text), escaped as Django escapes
them. The result is the same HTML the templates give for that form
(tests/surveys/test_take_render.py compares them). A form with errors is
rendered the usual way.
"""

import re
from collections import OrderedDict
from html import escape, unescape
from threading import Lock

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from surveys.forms import PageForm
from surveys.models import Page, Survey
from surveys.structure import forget_with_structure

CACHED_FRAGMENTS = 512
# Where a respondent's answer goes in a rendered page: the end of a radio or
# check box's attributes (" checked"), after a number or text input's name
# (' value="..."'), and inside a textarea.
SLOT = re.compile(
    r'<input type="(?:radio|checkbox)" name="(?P<choice>q\d+)" value="(?P<value>[^"]*)"[^>]*'
    r'|<input type="(?:number|text)" name="(?P<input>q\d+)"'
    r'|<textarea name="(?P<textarea>q\d+)"[^>]*>\n'
)

_cache: OrderedDict[tuple, tuple] = OrderedDict()
_lock = Lock()


def _parts(html: str) -> tuple:
    """``html`` cut at every slot: plain strings, and (kind, field name, choice value) after each slot."""
    parts, at = [], 0
    for match in SLOT.finditer(html):
        parts.append(html[at : match.end()])
        if match["choice"]:
            parts.append(("choice", match["choice"], unescape(match["value"])))
        elif match["input"]:
            parts.append(("input", match["input"], None))
        else:
            parts.append(("textarea", match["textarea"], None))
        at = match.end()
    parts.append(html[at:])
    return tuple(parts)


def _fragment(survey: Survey, page: Page, language: str) -> tuple:
    key = (survey.pk, survey.published_at, page.pk, language)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    blank = PageForm(questions=list(page.questions.all()))
    parts = _parts(render_to_string("partials/form_fields.html", {"form": blank}))
    with _lock:
        _cache[key] = parts
        while len(_cache) > CACHED_FRAGMENTS:
            _cache.popitem(last=False)
    return parts


def _marked(kind: str, value, chosen) -> str:
    if value in (None, "", []):
        return ""
    if kind == "choice":
        chosen_values = value if isinstance(value, list | tuple) else [value]
        return " checked" if chosen in {str(v) for v in chosen_values} else ""
    if kind == "input":
        return f' value="{escape(str(value))}"'
    return escape(str(value))


def page_questions_html(*, survey: Survey, page: Page, form: PageForm, language: str) -> SafeString | None:
    """The questions of ``page`` with the answers of the unbound ``form`` marked
    in, or None when the page must be rendered the usual way (a form with
    errors to show, or a survey not yet frozen)."""
    if form.is_bound or not survey.is_frozen:
        return None
    initial = form.initial
    html = [
        part if isinstance(part, str) else _marked(part[0], initial.get(part[1]), part[2])
        for part in _fragment(survey, page, language)
    ]
    return mark_safe("".join(html))  # noqa: S308 - fields rendered by Django's templates, values escaped above


def page_fragments_forget() -> None:
    with _lock:
        _cache.clear()


forget_with_structure(page_fragments_forget)  # any saved or removed page, question or choice
