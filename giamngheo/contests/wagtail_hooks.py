"""Admin registration of the contest screens (registration only; views in ``views``)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn

from giamngheo.core.admin import register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, views
from .models import Contest, Entry

# Contests and entries are written through the services (the screens below and the demo); the
# generic admin only lists contests. Entries have no generic screen: their one page decides
# what a reader sees (the identity for the secretariat only).
register_rules_policies(Contest, Entry, forbid={"add", "change", "delete"})


class ContestViewSet(ScopedModelViewSet):
    model = Contest
    icon = "pick"
    menu_label = _("Cuộc thi báo chí")
    menu_order = 345
    add_to_admin_menu = True
    name = "cuoc-thi"
    url_prefix = "cuoc-thi/danh-sach"
    form_fields = ["name"]
    list_display = [
        TitleColumn("name", label=_("Tên cuộc thi"), url_name="contests_contest"),
        Column("organiser", label=_("Cơ quan tổ chức")),
        "status",
    ]
    inspect_view_enabled = False
    copy_view_enabled = False
    list_export = ["name", "organiser", "entries_open", "entries_close", "status"]
    export_filename = "cuoc-thi"
    scoped_list = staticmethod(selectors.contests_for_user)
    scoped_get = staticmethod(selectors.get_contest_for_user)
    create_button = (_("Tạo cuộc thi"), "contests_new", "contests.create_contest")


@hooks.register("register_admin_viewset")
def register_contest_viewset():
    return ContestViewSet()


@hooks.register("register_admin_urls")
def register_contest_urls():
    return [
        path("cuoc-thi/moi/", views.ContestCreateView.as_view(), name="contests_new"),
        path("cuoc-thi/<str:pk>/sua/", views.ContestEditView.as_view(), name="contests_edit"),
        path(
            "cuoc-thi/<str:pk>/giai/moi/",
            views.PrizeTierCreateView.as_view(),
            name="contests_prize_add",
        ),
        path(
            "cuoc-thi/<str:pk>/vong/moi/",
            views.RoundCreateView.as_view(),
            name="contests_round_add",
        ),
        path(
            "cuoc-thi/vong/<str:pk>/sua/", views.RoundEditView.as_view(), name="contests_round_edit"
        ),
        path(
            "cuoc-thi/vong/<str:pk>/giam-khao/moi/",
            views.JurorAddView.as_view(),
            name="contests_juror_add",
        ),
        path(
            "cuoc-thi/giam-khao/<str:pk>/bot/",
            views.JurorRemoveView.as_view(),
            name="contests_juror_remove",
        ),
        path(
            "cuoc-thi/vong/<str:pk>/xung-dot/moi/",
            views.ConflictRecordView.as_view(),
            name="contests_conflict_add",
        ),
        path("cuoc-thi/<str:pk>/trang/", views.ContestView.as_view(), name="contests_contest"),
        path("cuoc-thi/<str:pk>/mo/", views.OpenContestView.as_view(), name="contests_open"),
        path("cuoc-thi/<str:pk>/cham/", views.StartJudgingView.as_view(), name="contests_judging"),
        path("cuoc-thi/<str:pk>/quyet-dinh/", views.DecisionView.as_view(), name="contests_decide"),
        path(
            "cuoc-thi/<str:pk>/quyet-dinh.<str:fmt>",
            views.decision_document,
            name="contests_decision_document",
        ),
        path(
            "cuoc-thi/giay-chung-nhan/<str:pk>.<str:fmt>",
            views.certificate_document,
            name="contests_certificate",
        ),
        path("cuoc-thi/tac-pham/<str:pk>/", views.EntryView.as_view(), name="contests_entry"),
        path(
            "cuoc-thi/tac-pham/<str:pk>/hop-le/",
            views.AcceptEntryView.as_view(),
            name="contests_accept",
        ),
        path(
            "cuoc-thi/tac-pham/<str:pk>/khong-hop-le/",
            views.RefuseEntryView.as_view(),
            name="contests_refuse",
        ),
        path(
            "cuoc-thi/tac-pham/<str:pk>/ban-che-ten/",
            views.RedactedUploadView.as_view(),
            name="contests_redact",
        ),
        path("cuoc-thi/tep/<str:pk>/", views.EntryFileDownloadView.as_view(), name="contests_file"),
        path("cuoc-thi/vong/<str:pk>/", views.RoundView.as_view(), name="contests_round"),
        path(
            "cuoc-thi/vong/<str:pk>/mo/", views.OpenRoundView.as_view(), name="contests_round_open"
        ),
        path(
            "cuoc-thi/vong/<str:pk>/khoa/",
            views.CloseRoundView.as_view(),
            name="contests_round_close",
        ),
        path(
            "cuoc-thi/vong/<str:pk>/ky/",
            views.SignMinutesView.as_view(),
            name="contests_round_sign",
        ),
        path(
            "cuoc-thi/vong/<str:pk>/bien-ban.<str:fmt>",
            views.round_document,
            name="contests_minutes",
        ),
        path(
            "cuoc-thi/ket-qua/<str:pk>/dieu-chinh/",
            views.OverrideView.as_view(),
            name="contests_override",
        ),
    ]


@register_todos
def contests_todos(*, user) -> list[Todo]:
    """Entries waiting for the secretariat's check, one line per contest, linked to its page."""
    return [
        Todo(
            label=_("tác phẩm dự thi “%(contest)s” chờ thẩm định")
            % {"contest": row["contest__name"]},
            count=row["count"],
            url=reverse("contests_contest", args=[row["contest_id"]]),
        )
        for row in selectors.entries_to_check(user=user)
    ]
