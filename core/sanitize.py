"""The one allow-list for user-written rich text. Everything rich goes through
``sanitize_html`` on the way in; templates autoescape everything else."""

import bleach

ALLOWED_TAGS = ["p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"]
ALLOWED_ATTRIBUTES = {"a": ["href"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]


def _link_attrs(attrs, new=False):
    attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True
)


def sanitize_html(text: str) -> str:
    """Returns ``text`` with every tag, attribute and URL scheme outside the
    allow-list removed, and every link marked nofollow/noopener."""
    cleaned = _cleaner.clean(text or "")
    return bleach.linkify(cleaned, callbacks=[_link_attrs], parse_email=False).strip()
