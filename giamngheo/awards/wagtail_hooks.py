"""Admin registration of the emulation screens (registration only; views in ``views``)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, views
from .enums import NominationStatus
from .models import Nomination, Round

# Rounds and nominations are written through the services (the screens below and the demo); the
# generic admin only lists them.
register_rules_policies(Round, Nomination, forbid={"add", "change", "delete"})


class RoundViewSet(ScopedModelViewSet):
    model = Round
    icon = "pick"
    menu_label = _("Thi đua, khen thưởng")
    menu_order = 346
    add_to_admin_menu = True
    name = "thi-dua"
    url_prefix = "thi-dua/dot-xet"
    form_fields = ["name"]
    list_display = [
        TitleColumn("name", label=_("Đợt xét"), url_name="awards_round"),
        Column("movement", label=_("Phong trào")),
        "nominations_close",
    ]
    inspect_view_enabled = False
    copy_view_enabled = False
    scoped_list = staticmethod(selectors.rounds_for_user)
    scoped_get = staticmethod(selectors.get_round_for_user)
    create_button = (_("Tạo đợt xét"), "awards_round_new", "awards.create_round")


@hooks.register("register_admin_viewset")
def register_round_viewset():
    return RoundViewSet()


@hooks.register("register_admin_urls")
def register_awards_urls():
    p = "thi-dua"
    return [
        path(f"{p}/dot-xet-moi/", views.RoundCreateView.as_view(), name="awards_round_new"),
        path(f"{p}/<str:pk>/trang/", views.round_page, name="awards_round"),
        path(f"{p}/<str:pk>/de-nghi/", views.NominationCreateView.as_view(), name="awards_add"),
        path(f"{p}/<str:pk>/hop/", views.MeetingCreateView.as_view(), name="awards_meeting_add"),
        path(f"{p}/<str:pk>/quyet-dinh/", views.DecideView.as_view(), name="awards_decide"),
        path(f"{p}/ho-so/<str:pk>/", views.nomination_page, name="awards_nomination"),
        path(f"{p}/ho-so/<str:pk>/dinh-kem/", views.ComponentView.as_view(), name="awards_attach"),
        path(f"{p}/ho-so/<str:pk>/trinh/", views.SubmitView.as_view(), name="awards_submit"),
        path(f"{p}/ho-so/<str:pk>/tra-lai/", views.ReturnView.as_view(), name="awards_return"),
        path(f"{p}/ho-so/<str:pk>/dat/", views.PassView.as_view(), name="awards_pass"),
        path(f"{p}/ho-so/<str:pk>/cong-khai/", views.PublishView.as_view(), name="awards_publish"),
        path(f"{p}/ho-so/<str:pk>/hoi-dong/", views.CouncilView.as_view(), name="awards_council"),
        path(
            f"{p}/ho-so/<str:pk>/huy-khen-thuong/", views.RevokeView.as_view(), name="awards_revoke"
        ),
        path(
            f"{p}/ho-so/<str:pk>/bang-khen.<str:fmt>",
            views.certificate_document,
            name="awards_certificate",
        ),
        path(f"{p}/tep/<str:pk>/", views.DossierFileView.as_view(), name="awards_file"),
        path(f"{p}/phien-hop/<str:pk>/", views.meeting_page, name="awards_meeting"),
        path(
            f"{p}/phien-hop/<str:pk>/diem-danh/",
            views.AttendanceView.as_view(),
            name="awards_attendance",
        ),
        path(f"{p}/phien-hop/<str:pk>/mo/", views.OpenMeetingView.as_view(), name="awards_open"),
        path(
            f"{p}/phien-hop/<str:pk>/ket-thuc/",
            views.CloseMeetingView.as_view(),
            name="awards_close",
        ),
        path(
            f"{p}/phien-hop/<str:pk>/kiem-phieu/", views.BallotView.as_view(), name="awards_ballot"
        ),
        path(f"{p}/phien-hop/<str:pk>/bo-phieu/", views.VoteView.as_view(), name="awards_vote"),
        path(
            f"{p}/phien-hop/<str:pk>/bien-ban.<str:fmt>",
            views.minutes_document,
            name="awards_minutes",
        ),
        path(
            f"{p}/quyet-dinh/<str:pk>.<str:fmt>",
            views.decision_document,
            name="awards_decision",
        ),
    ]


@register_todos
def awards_todos(*, user) -> list[Todo]:
    """Per round: nominations waiting for the office's appraisal, nominations returned to the
    user's units (urgent); and each council meeting open for the user's vote."""
    counts = selectors.todo_counts(user=user)
    labels = {
        NominationStatus.SUBMITTED: _("hồ sơ đề nghị khen thưởng chờ thẩm định (%(round)s)"),
        NominationStatus.RETURNED: _("hồ sơ đề nghị khen thưởng bị trả lại để bổ sung (%(round)s)"),
    }
    todos = [
        Todo(
            label=labels[row["status"]] % {"round": row["round__name"]},
            count=row["count"],
            url=reverse("awards_round", args=[row["round_id"]]),
            urgent=row["status"] == NominationStatus.RETURNED,
        )
        for row in counts["nominations"]
    ]
    todos += [
        Todo(
            label=_("cuộc họp hội đồng thi đua đang bỏ phiếu (%(round)s)")
            % {"round": row["round__name"]},
            count=1,
            url=reverse("awards_meeting", args=[row["pk"]]),
            urgent=True,
        )
        for row in counts["meetings"]
    ]
    return todos
