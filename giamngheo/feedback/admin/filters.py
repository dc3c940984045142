"""The register list's filters and its overdue column."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from ..enums import NOT_RUNNING
from ..models import Feedback


class OverdueColumn(Column):
    def get_value(self, instance):
        return _("Quá hạn") if instance.is_overdue else ""


def overdue_q() -> Q:
    return Q(deadline__lt=timezone.localdate()) & ~Q(status__in=NOT_RUNNING)


# "Sắp đến hạn": the deadline falls today or within the next days, the item still running.
DUE_SOON_DAYS = 3


def due_soon_q() -> Q:
    today = timezone.localdate()
    return Q(deadline__gte=today, deadline__lte=today + timedelta(days=DUE_SOON_DAYS)) & ~Q(
        status__in=NOT_RUNNING
    )


class FeedbackFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Quá hạn"), method="filter_overdue")
    due_soon = django_filters.BooleanFilter(
        label=gettext_lazy("Sắp đến hạn (trong 3 ngày)"), method="filter_due_soon"
    )
    awaiting_publication = django_filters.BooleanFilter(
        label=gettext_lazy("Chờ duyệt công khai"), method="filter_awaiting"
    )
    awaiting_commune = django_filters.BooleanFilter(
        label=gettext_lazy("Chờ xác định xã, phường"), method="filter_awaiting_commune"
    )
    is_hidden = django_filters.BooleanFilter(label=gettext_lazy("Đã ẩn khỏi trang công khai"))
    is_spam = django_filters.BooleanFilter(label=gettext_lazy("Tin rác"))

    class Meta:
        model = Feedback
        fields = ["status", "kind", "category", "channel"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_due_soon(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(due_soon_q()) if value else queryset.exclude(due_soon_q())

    def filter_awaiting(self, queryset, name, value):
        if value is None:
            return queryset
        q = Q(answer__publish_proposed_at__isnull=False, answer__is_published=False)
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_awaiting_commune(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(unit__isnull=value)
