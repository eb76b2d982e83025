"""MOU partner feedback pages (/staff/partner/): rounds, opening one, results, concerns."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.rules import (
    PartnerRule,
    coordinated_districts,
    get_district_for_coordinator,
    get_partner_round_for_user,
    is_coordinator,
    may_partner,
    partner_rounds_for,
    partner_sro_emails_for,
)
from core.audit import AuditKind, audit_record
from core.widgets import DateInput
from feedback.services.partner import RoundRefused, partner_round_open
from feedback.services.partner_results import concern_answer, concerns_of, open_concerns_count, round_results


class RoundForm(forms.Form):
    label = forms.CharField(label=_("Semester"), max_length=60, help_text=_("For example “Fall 2026”."))
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())


class ConcernReplyForm(forms.Form):
    text = forms.CharField(label=_("Written response"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class RoundIndexView(View):
    def get(self, request):
        rounds = partner_rounds_for(request.user).select_related("district", "sro_survey")
        rounds = rounds.order_by("-created_at", "-pk")
        page = Paginator(rounds, 20).get_page(request.GET.get("page"))
        context = {
            "page_obj": page,
            "rounds": page.object_list,
            "districts": coordinated_districts(request.user) if is_coordinator(request.user) else [],
        }
        return render(request, "feedback/partner/index.html", context)


class RoundOpenView(View):
    def dispatch(self, request, *args, **kwargs):
        self.district = get_district_for_coordinator(request.user, kwargs["district"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, district, form=None):
        return render(request, "feedback/partner/open.html", {"district": self.district, "form": form or RoundForm()})

    def post(self, request, district):
        form = RoundForm(request.POST)
        if form.is_valid():
            try:
                partner_round = partner_round_open(
                    district=self.district, **form.cleaned_data, actor=request.user, request=request
                )
            except RoundRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The round is open; SROs and school administrators were invited."))
                return redirect("staff:partner:round", pk=partner_round.pk)
        return self.get(request, district, form=form)


class RoundResultsView(View):
    def dispatch(self, request, *args, **kwargs):
        self.partner_round = get_partner_round_for_user(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        partner_round = self.partner_round
        results = round_results(
            partner_round=partner_round,
            sro_emails=partner_sro_emails_for(request.user, partner_round.district),
            actor=request.user,
            request=request,
        )
        may_manage = may_partner(request.user, PartnerRule.MANAGE, partner_round)
        context = {
            "results": results,
            "partner_round": partner_round,
            "may_manage": may_manage,
            "open_concerns": open_concerns_count(partner_round) if may_manage else None,
        }
        return render(request, "feedback/partner/round.html", context)


class ConcernsView(View):
    """The raw concerns of both forms and the coordinator's written responses (coordinator only; audited)."""

    def dispatch(self, request, *args, **kwargs):
        self.partner_round = get_partner_round_for_user(request.user, kwargs["pk"], PartnerRule.MANAGE)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk, errors=None):
        audit_record(
            actor=request.user,
            kind=AuditKind.PARTNER_CONCERNS_VIEWED,
            obj=self.partner_round,
            request=request,
            district_id=self.partner_round.district_id,
        )
        page = Paginator(concerns_of(self.partner_round), 20).get_page(request.GET.get("page"))
        errors = errors or {}
        concerns = [(answer, errors.get(answer.pk) or ConcernReplyForm(prefix=f"c{answer.pk}")) for answer in page]
        context = {"partner_round": self.partner_round, "concerns": concerns, "page_obj": page}
        return render(request, "feedback/partner/concerns.html", context)

    def post(self, request, pk):
        answer = get_object_or_404(concerns_of(self.partner_round), pk=request.POST.get("answer"))
        form = ConcernReplyForm(request.POST, prefix=f"c{answer.pk}")
        if not form.is_valid():
            return self.get(request, pk, errors={answer.pk: form})
        concern_answer(
            partner_round=self.partner_round,
            answer=answer,
            text=form.cleaned_data["text"],
            actor=request.user,
            request=request,
        )
        messages.success(request, _("Your response is recorded."))
        return redirect("staff:partner:concerns", pk=self.partner_round.pk)
