"""Turning an OutboundEmail into subject, plain text and HTML, in the recipient's language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.crypto import decrypt
from notifications.catalogue import SECRET_KEYS


def render_email(outbound, *, unsubscribe_url: str = "") -> tuple[str, str, str]:
    context = {k: (decrypt(v) if k in SECRET_KEYS and v else v) for k, v in outbound.context.items()}
    context.update(
        {k[: -len("_path")] + "_url": settings.SITE_URL + v for k, v in context.items() if k.endswith("_path")}
    )
    context["unsubscribe_url"] = unsubscribe_url
    base = f"emails/{outbound.template}"
    with translation.override(outbound.language):
        subject = render_to_string(f"{base}.subject.txt", context).strip()
        text = render_to_string(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    return " ".join(subject.split()), text, html
