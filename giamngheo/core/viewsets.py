"""Scoped Wagtail admin views: every object and every list row comes through a scoped selector.

Wagtail's generic views fetch their object with the model's default manager, so a history, usage,
edit or delete URL with a foreign id would open it. ``scoped(View, getter)`` makes the view fetch
it with ``getter(user=…, pk=…)`` instead — a foreign id is then a 404, like a missing one —
and ``scoped_index(name, lister)`` makes a list (and its CSV/XLSX export) hold only
``lister(user=…)``'s rows. ``ScopedModelViewSet`` does both for every view of a model viewset,
and saves through the app's services.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from .admin import ServiceErrorsMixin
from .exports import ScopedIndexView


class ObjectFirstMixin:
    """The object before the permission: Wagtail's generic views ask the model-level permission
    in ``dispatch`` and fetch the object afterwards (the edit view) — a foreign or missing id
    would then be refused (403) before it is found, telling an outsider that it exists. Fetched
    first, a foreign or missing id is the 404 a scoped getter gives, and only an object the user
    may see can be refused."""

    def dispatch(self, request, *args, **kwargs):
        if getattr(self, "object", None) is None:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)


class ScopedObjectMixin(ObjectFirstMixin):
    scoped_getter = None  # set by ``scoped``

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        raw = getattr(self, "pk", None) or self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        obj = type(self).scoped_getter(user=self.request.user, pk=unquote(str(raw)))
        # Wagtail's delete view asks the policy for the model only; the rules answer for *this*
        # row (an activity with evidence is never deleted), so ask again with the object.
        policy = getattr(self, "permission_policy", None)
        if (
            getattr(self, "permission_required", None) == "delete"
            and policy is not None
            and not policy.user_has_permission_for_instance(self.request.user, "delete", obj)
        ):
            raise PermissionDenied
        return obj


def scoped(view_class, getter):
    return type(
        view_class.__name__,
        (ScopedObjectMixin, view_class),
        {"scoped_getter": staticmethod(getter)},
    )


def scoped_index(name, lister):
    return type(name, (ScopedIndexView,), {"scoped_list": staticmethod(lister)})


def with_create_button(index_view_class, label, url_name: str, perm: str):
    """``index_view_class`` with a "create" header button to ``url_name`` for whom ``perm``
    holds (``ScopedModelViewSet.create_button``)."""

    class CreateButtonIndexView(index_view_class):
        @cached_property
        def header_buttons(self):
            buttons = list(super().header_buttons)
            if self.request.user.has_perm(perm):
                buttons.append(HeaderButton(label, url=reverse(url_name), icon_name="plus"))
            return buttons

    CreateButtonIndexView.__name__ = index_view_class.__name__
    return CreateButtonIndexView


class AuditedCreateView(ServiceErrorsMixin, generic.CreateView):
    create_service = None  # (form, actor) -> instance

    def save_instance(self):
        return type(self).create_service(self.form, self.request.user)


class AuditedEditView(ServiceErrorsMixin, generic.EditView):
    update_service = None  # (unsaved instance, actor) -> instance

    def save_instance(self):
        instance = self.form.save(commit=False)
        return type(self).update_service(instance, self.request.user)


class ScopedModelViewSet(ModelViewSet):
    """A model viewset whose every view reads through the app's scoped selectors.

    - ``scoped_get(user=, pk=)``: every object view (edit, delete, inspect, history, usage) fetches
      through it — the view classes a subclass declares are wrapped, keeping their behaviour;
    - ``scoped_list(user=)``: the index and its exports (else the declared index view stays);
    - ``create_service(form, actor)`` / ``update_service(instance, actor)``: the add and edit
      views save through the service (else the declared views stay);
    - ``create_button = (label, url name, permission)``: where the generic add view stays off
      (the record is written through the app's own set-up screen), the list's header button to
      that screen, shown to whom the permission holds.
    """

    scoped_get = None
    scoped_list = None
    create_service = None
    update_service = None
    create_button = None
    OBJECT_VIEWS = (
        "edit_view_class",
        "delete_view_class",
        "inspect_view_class",
        "history_view_class",
        "usage_view_class",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cls = type(self)
        name = cls.__name__.removesuffix("ViewSet")
        if cls.scoped_list is not None:
            self.index_view_class = scoped_index(f"{name}IndexView", cls.scoped_list)
        if cls.create_service is not None:
            self.add_view_class = type(
                f"{name}CreateView",
                (AuditedCreateView,),
                {"create_service": staticmethod(cls.create_service)},
            )
        if cls.update_service is not None:
            self.edit_view_class = type(
                f"{name}EditView",
                (AuditedEditView,),
                {"update_service": staticmethod(cls.update_service)},
            )
        if cls.create_button is not None:
            self.index_view_class = with_create_button(self.index_view_class, *cls.create_button)
        if cls.scoped_get is None:
            raise TypeError(f"{cls.__name__} needs scoped_get")
        for attr in self.OBJECT_VIEWS:
            view = getattr(self, attr)
            if not issubclass(view, ScopedObjectMixin):
                setattr(self, attr, scoped(view, cls.scoped_get))
