"""Staff URLs of the survey reach (under /staff/surveys/, names `staff:surveys:...`)."""

from django.urls import path

from surveys.views import reach, reach_optouts, reach_paper

urlpatterns: list = [
    path("<int:pk>/reach/", reach.ReachIndexView.as_view(), name="reach_index"),
    path("<int:pk>/reach/links/", reach.OpenLinksView.as_view(), name="reach_links"),
    path("<int:pk>/reach/links/<int:school_pk>/poster/", reach.PosterView.as_view(), name="reach_poster"),
    path("<int:pk>/reach/invitations/", reach.InviteView.as_view(), name="reach_invite"),
    path("<int:pk>/reach/codes/", reach.CodesPrintView.as_view(), name="reach_codes"),
    path("<int:pk>/reach/class-codes/", reach.ClassCodesView.as_view(), name="reach_class_codes"),
    path("<int:pk>/reach/class-codes/<int:code_pk>/", reach.ClassBoardView.as_view(), name="reach_class_board"),
    path(
        "<int:pk>/reach/class-codes/<int:code_pk>/deactivate/",
        reach.ClassCodeDeactivateView.as_view(),
        name="reach_class_deactivate",
    ),
    path("<int:pk>/reach/opt-outs/", reach_optouts.OptOutListView.as_view(), name="reach_opt_outs"),
    path("<int:pk>/reach/paper/", reach_paper.PaperFormView.as_view(), name="reach_paper"),
    path("<int:pk>/reach/paper/entry/", reach_paper.PaperEntryView.as_view(), name="reach_paper_entry"),
]
