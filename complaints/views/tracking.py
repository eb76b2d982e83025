"""Following a complaint: code + PIN, the public timeline, replies, files."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from complaints import selectors
from complaints.forms import ReplyForm, TrackForm
from complaints.services.attachments import AttachmentLimitReached, AttachmentStorageFailed
from complaints.services.tracking import complaint_reply, complaint_unlock
from complaints.tracking_session import (
    tracking_session_close,
    tracking_session_keep_reply,
    tracking_session_open,
    tracking_session_take_reply,
)
from complaints.views.common import upload_too_large
from complaints.views.uploads import upload_failed_response
from core.clientip import client_key
from core.ratelimit import client_over_limit
from core.views import PrivatePageMixin


def unlock_refused_message() -> str:
    """The one answer to every failed unlock."""
    minutes = settings.COMPLAINT_PIN_LOCK_MINUTES
    return " ".join(
        [
            _("That tracking code and PIN do not match. Check both and try again."),
            ngettext(
                "After %(count)d wrong tries this connection waits %(minutes)d minutes before trying again.",
                "After %(count)d wrong tries this connection waits %(minutes)d minutes before trying again.",
                minutes,
            )
            % {"count": settings.COMPLAINT_PIN_MAX_FAILURES, "minutes": minutes},
        ]
    )


class TrackView(PrivatePageMixin, View):
    template_name = "complaints/track.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TrackForm()})

    def post(self, request):
        form = TrackForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        if client_over_limit(request, "tracking", settings.COMPLAINT_TRACKING_ATTEMPTS_PER_HOUR, session=True):
            form.add_error(None, _("Too many attempts from this connection. Please try again in an hour."))
            return render(request, self.template_name, {"form": form}, status=429)
        complaint = complaint_unlock(
            code=form.cleaned_data["tracking_code"], pin=form.cleaned_data["pin"], client=client_key(request)
        )
        if complaint is None:
            # One answer for an unknown code, a wrong PIN and a lockout: no existence oracle.
            form.add_error(None, unlock_refused_message())
            return render(request, self.template_name, {"form": form})
        tracking_session_open(request, complaint=complaint)
        return redirect("complaints:track_detail", code=complaint.tracking_code)


class TrackDetailView(PrivatePageMixin, View):
    template_name = "complaints/track_detail.html"

    def get(self, request, code):
        try:
            complaint = selectors.tracked_complaint(request, code)
        except Http404:
            return self._closed_meanwhile(request, code)
        return self._render(
            complaint, ReplyForm(initial={"body": tracking_session_take_reply(request, complaint=complaint)})
        )

    def post(self, request, code):
        try:
            complaint = selectors.tracked_complaint(request, code)
        except Http404:
            return self._closed_meanwhile(request, code)
        if upload_too_large(request):
            return self._render(complaint, ReplyForm(), status=413, too_large=True)
        if client_over_limit(request, "reply", settings.COMPLAINT_REPLIES_PER_HOUR, session=True):
            form = ReplyForm(request.POST)
            return self._render(complaint, form, status=429, limited=True)
        form = ReplyForm(request.POST, request.FILES, complaint=complaint)
        if not form.is_valid():
            return self._render(complaint, form)
        try:
            complaint_reply(
                complaint=complaint, body=form.cleaned_data["body"], files=form.cleaned_data.get("attachments") or []
            )
        except AttachmentStorageFailed:
            kept = ReplyForm(initial={"body": form.cleaned_data["body"]}, complaint=complaint)
            return upload_failed_response(request, retry_url=request.path, form=kept)
        except AttachmentLimitReached as exc:  # another reply took the complaint's last room meanwhile
            form.add_error("attachments", exc)
            return self._render(complaint, form)
        return redirect("complaints:track_detail", code=code)

    def _closed_meanwhile(self, request, code):
        """The complaint is not open in this browser (closed, Quick exit, idle, or a reload of an old page): back
        to the tracking form, saying why. A reply being written waits there for the PIN, never lost. Any code of
        the right shape gets this answer, so it says nothing about whether the code exists."""
        if not selectors.TRACKING_CODE_SHAPE.fullmatch(code or ""):
            raise Http404
        closed = _(
            "This complaint was closed in this browser (with Close, by Quick exit, or after %(minutes)d minutes "
            "without use). Enter the code and PIN again."
        ) % {"minutes": settings.COMPLAINT_TRACKING_IDLE_MINUTES}
        if request.method == "POST":
            body = (
                ""
                if upload_too_large(request)
                else request.POST.get("body", "")[: ReplyForm.base_fields["body"].max_length]
            )
            tracking_session_keep_reply(request, code=code, body=body)
            closed = " ".join(
                [closed, _("What you wrote will be waiting in the reply box. Files must be chosen again.")]
            )
        messages.warning(request, closed)
        return redirect("complaints:track")

    def _render(self, complaint, form, status=200, too_large=False, limited=False):
        context = {
            "complaint": complaint,
            "timeline": selectors.public_timeline(complaint),
            "outcome": selectors.public_outcome(complaint),
            "attachments": selectors.complainant_attachments(complaint),
            "form": form,
            "too_large": too_large,
            "limited": limited,
            "idle_minutes": settings.COMPLAINT_TRACKING_IDLE_MINUTES,
        }
        return render(self.request, self.template_name, context, status=status)


class TrackCloseView(PrivatePageMixin, View):
    """ "Close this complaint": this browser forgets it; code and PIN open it again."""

    def post(self, request, code):
        # Closing an already closed (or idle-expired) complaint answers the same: never an error page.
        complaint = selectors.complaint_with_code(code)
        if complaint is not None:
            tracking_session_close(request, complaint=complaint)
        messages.success(request, _("The complaint is closed on this device. Use the code and PIN to open it again."))
        return redirect("complaints:track")


class QuickExitView(View):
    """Quick exit: ends this browser's session (every open complaint, and a
    sign-in) and goes to the neutral site. A plain link, so it works without
    JavaScript; the small script only keeps this site out of the Back button."""

    def get(self, request):
        request.session.flush()
        response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
        add_never_cache_headers(response)
        response["Referrer-Policy"] = "no-referrer"
        response["Clear-Site-Data"] = '"cookies", "storage"'  # not "cache": slow in some browsers
        return response


class AttachmentDownloadView(PrivatePageMixin, View):
    def get(self, request, code, attachment_id):
        attachment = selectors.attachment_for_download(request, code=code, attachment_id=attachment_id)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )


class MyComplaintsView(LoginRequiredMixin, PrivatePageMixin, View):
    def get(self, request):
        page = Paginator(selectors.complaints_filed_by(request.user), 20).get_page(request.GET.get("page"))
        return render(request, "complaints/my_complaints.html", {"page": page})
