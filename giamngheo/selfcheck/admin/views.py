"""The standard's and policies' screens purge the page cache on every write (they change public
pages); the households' contact requests are read with every read logged and change status
through one action view."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

from giamngheo.core.admin import ObjectActionView
from giamngheo.core.cache import purge_page_cache
from giamngheo.core.exports import ScopedIndexView
from giamngheo.core.viewsets import ObjectFirstMixin
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose

from .. import selectors, services
from ..enums import CONTACT_TRANSITIONS, ContactStatus


class PurgingCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        purge_page_cache()
        return instance


class PurgingEditView(ObjectFirstMixin, generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        purge_page_cache()
        return instance


class PurgingDeleteView(generic.DeleteView):
    def delete_action(self):
        super().delete_action()
        purge_page_cache()


class ContactRequestIndexView(ScopedIndexView):
    scoped_list = staticmethod(selectors.contact_requests_for_user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context.get("object_list") or [])
        if rows:
            log_personal_data_access(
                user=self.request.user,
                subject=rows,
                purpose=AccessPurpose.HANDLE,
                detail="selfcheck contact requests list",
                request=self.request,
            )
        return context


class ContactRequestInspectView(generic.InspectView):
    template_name = "selfcheck/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log_personal_data_access(
            user=self.request.user,
            subject=self.object,
            purpose=AccessPurpose.HANDLE,
            detail="selfcheck contact request",
            request=self.request,
        )
        allowed = CONTACT_TRANSITIONS[self.object.status]
        may_handle = self.request.user.has_perm("selfcheck.handle_contactrequest", self.object)
        context.update(
            actions=[(s.value, s.label) for s in ContactStatus if s in allowed and may_handle],
            events=list(self.object.events.select_related("actor")),
            process_url=reverse("de-nghi-lien-he:process", args=[self.object.pk]),
        )
        return context


class ContactRequestProcessView(ObjectActionView):
    """One status change per POST, through the one transition service."""

    scoped_get = staticmethod(selectors.get_contact_request_for_user)
    permission = "selfcheck.handle_contactrequest"
    success_message = _("Đã cập nhật tình trạng đề nghị liên hệ.")

    def perform(self, form):
        return services.transition_contact_request(
            contact_request=self.object, to=self.request.POST.get("to", ""), actor=self.request.user
        )

    def get_success_url(self):
        return reverse("de-nghi-lien-he:inspect", args=[self.object.pk])
