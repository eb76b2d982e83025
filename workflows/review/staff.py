"""The review workflow's part of the staff site (viewflow Application)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.rules import may_review
from accounts.staff import AreaApplication
from complaints.views import staff_intake
from workflows.review import canned, case_list_views, casefile_views, queue_views, related_views, withdraw_views
from workflows.review import views as reviews


class ReviewsApplication(AreaApplication):
    """Every view decides itself: outside the review area, or a complaint out of scope, answers 404."""

    title = _("Complaint reviews")
    app_name = "reviews"
    permission = staticmethod(may_review)

    index_path = path("", queue_views.QueueView.as_view(), name="index")
    export_path = path("export.csv", queue_views.QueueExportView.as_view(), name="export")
    cases_path = path("cases/", case_list_views.CaseListView.as_view(), name="cases")
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
    intake_path = path("intake/", staff_intake.StaffIntakeStartView.as_view(), name="intake")
    intake_details_path = path(
        "intake/<str:token>/details/", staff_intake.StaffIntakeDetailsView.as_view(), name="intake_details"
    )
    intake_receipt_path = path(
        "intake/<str:token>/receipt/", staff_intake.StaffIntakeReceiptView.as_view(), name="intake_receipt"
    )
    link_path = path("<int:complaint_id>/related/", related_views.LinkView.as_view(), name="link")
    unlink_path = path(
        "<int:complaint_id>/related/<int:link_id>/remove/", related_views.UnlinkView.as_view(), name="unlink"
    )
    reopen_path = path("<int:complaint_id>/reopen/", withdraw_views.ReopenView.as_view(), name="reopen")
    casefile_path = path("<int:complaint_id>/case-file.pdf", casefile_views.CaseFileView.as_view(), name="casefile")
    redaction_path = path("<int:complaint_id>/redacted/", casefile_views.RedactionView.as_view(), name="redaction")
    staff_files_path = path(
        "<int:complaint_id>/staff-files/", casefile_views.StaffFilesView.as_view(), name="staff_files"
    )
    canned_path = path("canned/", canned.CannedListView.as_view(), name="canned")
    canned_edit_path = path("canned/<int:pk>/", canned.CannedEditView.as_view(), name="canned_edit")
