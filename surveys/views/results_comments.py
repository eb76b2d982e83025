"""Free-text answers: the coordinator's review queue and the page where the
advisory team reads approved comments."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from accounts.rules import SurveyRule, get_survey_for_user, survey_result_school_ids
from core.audit import AuditKind, audit_record
from core.i18n import pick
from surveys.services.comments import comment_answers, comment_queue, comment_review, readable_comments
from surveys.views.results_filters import CommentQueueFilter, CommentReviewForm, CommentsFilter

PAGE_SIZE = 25


class CommentQueueView(View):
    """Comments waiting for (or past) the coordinator's review, 25 a page."""

    def get(self, request, pk, forms=None):
        survey = get_survey_for_user(request.user, pk, SurveyRule.AUTHOR)
        filterset = CommentQueueFilter(request.GET or None)
        status = filterset.status_value()
        page = Paginator(comment_queue(survey, status), PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(
            actor=request.user,
            kind=AuditKind.SURVEY_COMMENTS_VIEWED,
            obj=survey,
            changes={"queue": status},
            request=request,
            district_id=survey.district_id,
        )
        forms = forms or {}
        rows = [
            {
                "answer": answer,
                "question": pick(answer.question, "text"),
                "form": forms.get(answer.pk) or _initial_form(answer),
            }
            for answer in page
        ]
        context = {"survey": survey, "title": pick(survey, "title"), "filter": filterset, "page": page, "rows": rows}
        return render(
            request,
            "surveys/results/comment_queue.html",
            context,
        )


def _initial_form(answer) -> CommentReviewForm:
    review = getattr(answer, "review", None)
    return CommentReviewForm(
        prefix=str(answer.pk),
        initial={
            "redacted_text": (review.redacted_text if review and review.redacted_text else answer.text),
            "safety_concern": bool(review and review.safety_concern),
            "safety_note": review.safety_note if review else "",
        },
    )


class CommentReviewView(View):
    def post(self, request, pk, answer_id):
        survey = get_survey_for_user(request.user, pk, SurveyRule.AUTHOR)
        answer = get_object_or_404(comment_answers(survey), pk=answer_id)
        form = CommentReviewForm(request.POST, prefix=str(answer.pk))
        if not form.is_valid():
            # The queue page the coordinator was on (its query is kept in the form's action), with the error.
            return CommentQueueView().get(request, pk, forms={answer.pk: form})
        comment_review(answer=answer, user=request.user, request=request, **form.cleaned_data)
        queue = reverse("staff:surveys:results_review", kwargs={"pk": survey.pk})
        query = request.GET.urlencode()
        return redirect(f"{queue}?{query}" if query else queue)


class CommentsView(View):
    """Approved comments, as redacted, from groups of at least the comment threshold."""

    def get(self, request, pk):
        survey = get_survey_for_user(request.user, pk, SurveyRule.COMMENTS)
        visible = survey_result_school_ids(request.user, survey)
        filterset = CommentsFilter(request.GET or None, queryset=readable_comments(survey, visible), survey=survey)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(
            actor=request.user,
            kind=AuditKind.SURVEY_COMMENTS_VIEWED,
            obj=survey,
            request=request,
            district_id=survey.district_id,
        )
        context = {
            "survey": survey,
            "title": pick(survey, "title"),
            "filter": filterset,
            "page": page,
            "threshold": survey.district.comment_threshold,
        }
        return render(request, "surveys/results/comments.html", context)
