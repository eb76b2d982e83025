"""Following a complaint: code + PIN, the public timeline, replies, files."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views import View

from complaints import selectors
from complaints.forms import ReplyForm, TrackForm
from complaints.services.attachments import AttachmentLimitReached, AttachmentStorageFailed
from complaints.services.tracking import complaint_reply, complaint_unlock
from complaints.views.common import PrivatePageMixin, over_limit, upload_too_large
from complaints.views.uploads import upload_failed_response


class TrackView(PrivatePageMixin, View):
    template_name = "complaints/track.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TrackForm()})

    def post(self, request):
        form = TrackForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        if over_limit(request, "tracking", settings.COMPLAINT_TRACKING_ATTEMPTS_PER_HOUR):
            form.add_error(None, _("Too many attempts from this connection. Please try again in an hour."))
            return render(request, self.template_name, {"form": form}, status=429)
        result = complaint_unlock(code=form.cleaned_data["tracking_code"], pin=form.cleaned_data["pin"])
        if result.complaint is None:
            if result.locked_until:
                when = date_format(localtime(result.locked_until), "TIME_FORMAT")
                form.add_error(
                    None, _("Too many wrong PINs. This complaint is locked until %(time)s.") % {"time": when}
                )
            else:
                form.add_error(None, _("That tracking code and PIN do not match. Check both and try again."))
            return render(request, self.template_name, {"form": form})
        tracked = selectors.tracked_complaint_ids(request)
        request.session[selectors.TRACKED_SESSION_KEY] = [*tracked, result.complaint.pk]
        return redirect("complaints:track_detail", code=result.complaint.tracking_code)


class TrackDetailView(PrivatePageMixin, View):
    template_name = "complaints/track_detail.html"

    def get(self, request, code):
        complaint = selectors.tracked_complaint(request, code)
        return self._render(complaint, ReplyForm())

    def post(self, request, code):
        complaint = selectors.tracked_complaint(request, code)
        if upload_too_large(request):
            return self._render(complaint, ReplyForm(), status=413, too_large=True)
        if over_limit(request, "reply", settings.COMPLAINT_REPLIES_PER_HOUR):
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

    def _render(self, complaint, form, status=200, too_large=False, limited=False):
        context = {
            "complaint": complaint,
            "timeline": selectors.public_timeline(complaint),
            "attachments": selectors.complainant_attachments(complaint),
            "form": form,
            "too_large": too_large,
            "limited": limited,
        }
        return render(self.request, self.template_name, context, status=status)


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
