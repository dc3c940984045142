"""Admin registration of the campaigns screens (registration only; views in ``views``)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from giamngheo.core.admin import PermissionMenuItem, register_rules_policies
from giamngheo.core.dashboard import Todo, register_todos
from giamngheo.core.viewsets import ScopedModelViewSet

from . import selectors, views
from .admin import views as admin_views
from .models import Campaign, Platform, Submission

# Campaigns and submissions are written through the services (the moderation screens below and
# the demo loader); the generic admin only reads them. Platforms are editable data.
register_rules_policies(Platform, forbid={"delete"})
register_rules_policies(Campaign, Submission, forbid={"add", "change", "delete"})


class PlatformViewSet(ModelViewSet):
    model = Platform
    icon = "globe"
    menu_label = _("Nền tảng số")
    name = "nen-tang-so"
    url_prefix = "chien-dich/nen-tang"
    form_fields = [
        "name",
        "code",
        "hosts",
        "url_pattern",
        "embed_template",
        "position",
        "is_active",
    ]
    list_display = ["name", "code", "embed_template", "is_active"]
    copy_view_enabled = False


class CampaignInspectView(generic.InspectView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        user, campaign = self.request.user, self.object
        if user.has_perm("campaigns.change_campaign", campaign):
            buttons.append(
                HeaderButton(
                    _("Sửa chiến dịch"),
                    url=reverse("campaigns_edit", args=[campaign.pk]),
                    icon_name="edit",
                )
            )
        if user.has_perm("campaigns.assign_moderators", campaign):
            buttons.append(
                HeaderButton(
                    _("Người kiểm duyệt"),
                    url=reverse("campaigns_moderators", args=[campaign.pk]),
                    icon_name="user",
                )
            )
        return buttons


class CampaignViewSet(ScopedModelViewSet):
    model = Campaign
    icon = "pick"
    menu_label = _("Chiến dịch")
    name = "chien-dich"
    url_prefix = "chien-dich/chien-dich"
    form_fields = ["name"]
    list_display = [
        TitleColumn("name", label=_("Tên chiến dịch"), url_name="chien-dich:inspect"),
        Column("hashtags", label=_("Hashtag")),
        Column("starts_on", label=_("Từ ngày")),
        Column("ends_on", label=_("Đến ngày")),
    ]
    inspect_view_enabled = True
    inspect_view_class = CampaignInspectView
    inspect_view_fields = [
        "name",
        "hashtags",
        "activity",
        "starts_on",
        "ends_on",
        "platforms",
        "communes",
        "moderators",
        "description",
        "rules",
        "report_threshold",
    ]
    copy_view_enabled = False
    list_export = ["name", "hashtags", "starts_on", "ends_on"]
    export_filename = "chien-dich"
    scoped_list = staticmethod(selectors.campaigns_for_user)
    scoped_get = staticmethod(selectors.get_campaign_for_user)
    create_button = (_("Tạo chiến dịch"), "campaigns_new", "campaigns.create_campaign")


class CampaignsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Chiến dịch truyền thông số")
    menu_icon = "pick"
    menu_order = 340
    items = (CampaignViewSet, PlatformViewSet)


@hooks.register("register_admin_viewset")
def register_campaigns_viewsets():
    return CampaignsViewSetGroup()


@hooks.register("register_admin_urls")
def register_campaigns_urls():
    actions = (
        ("duyet", views.ApproveView, "approve"),
        ("khong-duyet", views.RejectView, "reject"),
        ("an", views.HideView, "hide"),
        ("hien-lai", views.UnhideView, "unhide"),
        ("go-bai", views.TakedownView, "takedown"),
        ("noi-bat", views.FeatureView, "feature"),
        ("luot-tiep-can", views.ReachView, "reach"),
        ("chan", views.BanView, "ban"),
    )
    return [
        path("chien-dich/kiem-duyet/", admin_views.QueueView.as_view(), name="campaigns_queue"),
        path(
            "chien-dich/kiem-duyet/hang-loat/",
            admin_views.BulkModerationView.as_view(),
            name="campaigns_bulk",
        ),
        path("chien-dich/moi/", admin_views.CampaignCreateView.as_view(), name="campaigns_new"),
        path(
            "chien-dich/<str:pk>/sua/",
            admin_views.CampaignEditView.as_view(),
            name="campaigns_edit",
        ),
        path(
            "chien-dich/<str:pk>/kiem-duyet-vien/",
            admin_views.ModeratorsView.as_view(),
            name="campaigns_moderators",
        ),
        path(
            "chien-dich/<str:pk>/kiem-duyet-vien/<int:user>/bo/",
            admin_views.ModeratorRemoveView.as_view(),
            name="campaigns_moderator_remove",
        ),
        path(
            "chien-dich/bai/<str:pk>/", views.SubmissionView.as_view(), name="campaigns_submission"
        ),
        path(
            "chien-dich/bai/<str:pk>/tep/",
            views.SubmissionFileView.as_view(),
            name="campaigns_submission_file",
        ),
        path(
            "chien-dich/bai/<str:pk>/minh-chung/<int:reach>/",
            views.EvidenceFileView.as_view(),
            name="campaigns_evidence",
        ),
        *(
            path(f"chien-dich/bai/<str:pk>/{slug}/", view.as_view(), name=f"campaigns_{name}")
            for slug, view, name in actions
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return PermissionMenuItem(
        _("Kiểm duyệt chiến dịch"),
        reverse("campaigns_queue"),
        perm="campaigns.view_submission",
        icon_name="tasks",
        order=341,
    )


@register_todos
def campaigns_todos(*, user) -> list[Todo]:
    """Items waiting for moderation, one line per campaign, linked to its queue."""
    queue = reverse("campaigns_queue")
    return [
        Todo(
            label=_("bài tham gia chiến dịch “%(campaign)s” chờ kiểm duyệt")
            % {"campaign": row["campaign__name"]},
            count=row["count"],
            url=f"{queue}?chien_dich={row['campaign_id']}",
        )
        for row in selectors.pending_by_campaign(user=user)
    ]
