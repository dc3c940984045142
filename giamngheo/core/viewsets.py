"""Scoped Wagtail admin views: every object and every list row comes through a scoped selector.

Wagtail's generic views fetch their object with the model's default manager, so a history, usage,
edit or delete URL with a foreign id would open it. ``scoped(View, getter)`` makes the view fetch
it with ``getter(user=…, pk=…)`` instead — a foreign id is then a 404, like a missing one —
and ``scoped_index(name, lister)`` makes a list (and its CSV/XLSX export) hold only
``lister(user=…)``'s rows.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote

from .exports import ScopedIndexView


class ScopedObjectMixin:
    scoped_getter = None  # set by ``scoped``

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        raw = getattr(self, "pk", None) or self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        return type(self).scoped_getter(user=self.request.user, pk=unquote(str(raw)))


def scoped(view_class, getter):
    return type(
        view_class.__name__,
        (ScopedObjectMixin, view_class),
        {"scoped_getter": staticmethod(getter)},
    )


def scoped_index(name, lister):
    return type(name, (ScopedIndexView,), {"scoped_list": staticmethod(lister)})
