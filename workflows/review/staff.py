"""The review workflow's part of the staff site (viewflow Application)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.rules import may_review
from workflows.review import canned, casefile_views, queue_views
from workflows.review import views as reviews


class ReviewsApplication(Application):
    title = _("Complaint reviews")
    app_name = "reviews"
    permission = staticmethod(may_review)

    index_path = path("", queue_views.QueueView.as_view(), name="index")
    export_path = path("export.csv", queue_views.QueueExportView.as_view(), name="export")
    case_path = path("<int:complaint_id>/", reviews.CaseView.as_view(), name="case")
    note_path = path("<int:complaint_id>/notes/", reviews.NoteView.as_view(), name="note")
    task_path = path("<int:complaint_id>/tasks/<int:task_id>/<slug:action>/", reviews.TaskView.as_view(), name="task")
    file_path = path(
        "<int:complaint_id>/files/<int:attachment_id>/", reviews.StaffAttachmentView.as_view(), name="attachment"
    )
    recusal_path = path("<int:complaint_id>/recusals/", reviews.RecusalView.as_view(), name="recusal_add")
    recusal_lift_path = path(
        "<int:complaint_id>/recusals/<int:recusal_id>/lift/", reviews.RecusalView.as_view(), name="recusal_lift"
    )
    casefile_path = path("<int:complaint_id>/case-file.pdf", casefile_views.CaseFileView.as_view(), name="casefile")
    redaction_path = path("<int:complaint_id>/redacted/", casefile_views.RedactionView.as_view(), name="redaction")
    staff_files_path = path(
        "<int:complaint_id>/staff-files/", casefile_views.StaffFilesView.as_view(), name="staff_files"
    )
    canned_path = path("canned/", canned.CannedListView.as_view(), name="canned")
    canned_edit_path = path("canned/<int:pk>/", canned.CannedEditView.as_view(), name="canned_edit")
