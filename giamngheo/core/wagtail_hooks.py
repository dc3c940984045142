from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import TaskState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import guide
from .dashboard import Todo, TodoPanel, register_todos
from .models import CalendarException
from .numbers import register_number_display
from .times import register_datetime_display

# Money and counts in the admin's inspect views written 1.234.567, not 1234567; times in
# Asia/Ho_Chi_Minh.
register_number_display()
register_datetime_display()


class CalendarExceptionViewSet(SnippetViewSet):
    model = CalendarException
    icon = "date"
    menu_label = _("Lịch nghỉ bù, làm bù")
    add_to_admin_menu = False
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]


register_snippet(CalendarExceptionViewSet)


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("huong-dan/", guide.editor_guide, name="core_editor_guide")]


@hooks.register("construct_help_menu")
def use_our_guide(request, menu_items):
    """Our Vietnamese guide in place of Wagtail's English pages on wagtail.org."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
    menu_items.insert(
        0,
        MenuItem(
            _("Hướng dẫn biên tập"),
            reverse("core_editor_guide"),
            name="huong-dan-bien-tap",
            icon_name="help",
            order=100,
        ),
    )


@hooks.register("construct_homepage_panels")
def add_todo_panel(request, panels):
    """ "Việc cần làm" first on the dashboard: each app's counts for this user (core.dashboard)."""
    panels.insert(0, TodoPanel(request.user))


@register_todos
def page_todos(*, user) -> list[Todo]:
    """Pages (and snippets) waiting in a workflow task this user may approve. One query."""
    count = TaskState.objects.reviewable_by(user).count()
    return [
        Todo(
            label=_("trang chờ bạn duyệt"),
            count=count,
            url=reverse("wagtailadmin_home") + "#awaiting-review",
        )
    ]
