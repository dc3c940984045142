from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarException


class CalendarExceptionViewSet(SnippetViewSet):
    model = CalendarException
    icon = "date"
    menu_label = _("Lịch nghỉ bù, làm bù")
    add_to_admin_menu = False
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]


register_snippet(CalendarExceptionViewSet)
