"""The sessions part of the staff site (/staff/sessions/, names ``staff:sessions:...``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.rules import may_read_partner_feedback, may_run_sessions
from feedback.views import heard, partner, post_session, roster, staff

_S = "<int:pk>/"


class SessionsApplication(Application):
    """Every view decides itself (404 out of scope); the permission only hides the
    menu entry from roles that never run or read sessions."""

    title = _("Dialogue sessions")
    app_name = "sessions"
    permission = staticmethod(may_run_sessions)
    index_path = path("", staff.SessionIndexView.as_view(), name="index")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.urlpatterns = [
            path("new/<int:district>/", staff.SessionFormView.as_view(), name="session_add"),
            path(_S, roster.RosterView.as_view(), name="roster"),
            path(f"{_S}edit/", staff.SessionFormView.as_view(), name="session_edit"),
            path(f"{_S}cancel/", staff.SessionCancelView.as_view(), name="session_cancel"),
            path(f"{_S}walk-in/", roster.WalkInView.as_view(), name="walk_in"),
            path(f"{_S}people/<int:registration>/attendance/", roster.AttendanceView.as_view(), name="attendance"),
            path(f"{_S}people/<int:registration>/consent/", roster.PaperConsentView.as_view(), name="paper_consent"),
            path(f"{_S}heard/", heard.SessionHeardView.as_view(), name="heard"),
            path(f"{_S}heard/<int:item>/", heard.HeardEditView.as_view(), name="heard_edit"),
            path("heard/", heard.HeardIndexView.as_view(), name="heard_index"),
            path("heard/<int:item>/review/", heard.HeardReviewView.as_view(), name="heard_review"),
            path("themes/<int:district>/", heard.ThemesView.as_view(), name="themes"),
            path(f"{_S}feedback/", post_session.PostSessionView.as_view(), name="post_session"),
            path(f"{_S}feedback/cards/", post_session.FeedbackCardsView.as_view(), name="post_session_cards"),
        ]

    def _get_resolver_extra(self):
        return {"viewset": self, "sessions_app": self}


class PartnerApplication(Application):
    """MOU partner feedback (/staff/partner/, names ``staff:partner:...``); every view decides itself (404)."""

    title = _("MOU partner feedback")
    app_name = "partner"
    permission = staticmethod(may_read_partner_feedback)
    index_path = path("", partner.RoundIndexView.as_view(), name="index")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.urlpatterns = [
            path("new/<int:district>/", partner.RoundOpenView.as_view(), name="round_open"),
            path(_S, partner.RoundResultsView.as_view(), name="round"),
            path(f"{_S}concerns/", partner.ConcernsView.as_view(), name="concerns"),
        ]

    def _get_resolver_extra(self):
        return {"viewset": self, "partner_app": self}
