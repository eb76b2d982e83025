"""Staff URLs of the survey results (under /staff/surveys/, names `staff:surveys:...`)."""

from django.urls import path

from surveys.views.results import ResultsExportView, ResultsShareView, ResultsView
from surveys.views.results_comments import CommentQueueView, CommentReviewView, CommentsView

urlpatterns: list = [
    path("<int:pk>/results/", ResultsView.as_view(), name="results_detail"),
    path("<int:pk>/results/export/", ResultsExportView.as_view(), name="results_export"),
    path("<int:pk>/results/share/", ResultsShareView.as_view(), name="results_share"),
    path("<int:pk>/results/comments/", CommentsView.as_view(), name="results_comments"),
    path("<int:pk>/comments/review/", CommentQueueView.as_view(), name="results_review"),
    path("<int:pk>/comments/<uuid:answer_id>/review/", CommentReviewView.as_view(), name="results_review_answer"),
]
