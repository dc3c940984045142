from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CalendarException
from .numbers import register_number_display

# Money and counts in the admin's inspect views written 1.234.567, not 1234567.
register_number_display()


class CalendarExceptionViewSet(SnippetViewSet):
    model = CalendarException
    icon = "date"
    menu_label = _("Lịch nghỉ bù, làm bù")
    add_to_admin_menu = False
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]


register_snippet(CalendarExceptionViewSet)
