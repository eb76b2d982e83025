"""Plain text people typed, shown as HTML: escaped, its paragraphs and line breaks kept, and its web addresses made
links (``{{ message.body|typed_text }}``).

This is the project's one use of bleach: its linker runs on text Django has already escaped, so the only tags the
result can hold are ``<p>``, ``<br>`` and the links it adds, which open http(s) addresses only, marked nofollow and
without a referrer. What was typed is never changed in the database (docs/architecture.md, "Invariants")."""

import bleach
from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.safestring import mark_safe

register = template.Library()


def _web_links_only(attrs, new=False):
    if not attrs.get((None, "href"), "").startswith(("http://", "https://")):
        return None  # left as text
    attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


_linker = bleach.Linker(callbacks=[_web_links_only], parse_email=False)


@register.filter(is_safe=True)
def typed_text(value) -> str:
    return mark_safe(_linker.linkify(linebreaks_filter(value or "", autoescape=True)))  # noqa: S308 (escaped first)
