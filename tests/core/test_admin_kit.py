"""The admin kit (core/admin.py): the rules-backed policy, service errors onto forms, the scoped
download and the one-action view."""

from __future__ import annotations

import pytest
import rules
from django import forms
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.test import RequestFactory
from wagtail.documents.models import Document

from giamngheo.core.admin import (
    ObjectActionView,
    RulesPermissionPolicy,
    ScopedDownloadView,
    add_service_errors,
)

# --- the policy reads the rules ----------------------------------------------------------------


@rules.predicate
def _named_mine(user, group) -> bool:
    return group is None or group.name == "mine"


@pytest.fixture
def group_rules():
    rules.add_perm("auth.change_group", _named_mine)
    rules.add_perm("auth.delete_group", _named_mine)
    yield
    rules.remove_perm("auth.change_group")
    rules.remove_perm("auth.delete_group")


@pytest.mark.django_db
def test_policy_answers_from_the_rules_with_the_object(django_user_model, group_rules):
    user = django_user_model.objects.create_user("officer")
    mine, other = Group.objects.create(name="mine"), Group.objects.create(name="other")
    policy = RulesPermissionPolicy(Group)
    assert policy.user_has_permission(user, "change") is True
    assert policy.user_has_permission_for_instance(user, "change", mine) is True
    assert policy.user_has_permission_for_instance(user, "change", other) is False
    assert policy.user_has_any_permission_for_instance(user, ["add", "change"], other) is False
    assert policy.user_has_any_permission_for_instance(user, ["add", "delete"], mine) is True
    # No rule for "add": refused, whatever the model-level default would be.
    assert policy.user_has_permission(user, "add") is False


@pytest.mark.django_db
def test_policy_forbid_wins_over_a_granting_rule(django_user_model, group_rules):
    user = django_user_model.objects.create_user("officer")
    mine = Group.objects.create(name="mine")
    policy = RulesPermissionPolicy(Group, forbid={"delete"})
    assert user.has_perm("auth.delete_group", mine) is True
    assert policy.user_has_permission(user, "delete") is False
    assert policy.user_has_permission_for_instance(user, "delete", mine) is False
    assert policy.user_has_permission_for_instance(user, "change", mine) is True


# --- service errors onto forms -----------------------------------------------------------------


class _TitleForm(forms.Form):
    title = forms.CharField()


def _bound_form():
    form = _TitleForm({"title": "Hội nghị"})
    assert form.is_valid()
    return form


def test_field_errors_land_on_their_field_others_on_the_form():
    form = _bound_form()
    add_service_errors(
        form,
        ValidationError({"title": ["Tên đã có."], "organisation": ["Cơ quan ngoài phạm vi."]}),
    )
    assert form.errors["title"] == ["Tên đã có."]
    assert form.non_field_errors() == ["Cơ quan ngoài phạm vi."]
    assert "title" not in form.cleaned_data


def test_message_errors_are_non_field_errors():
    form = _bound_form()
    add_service_errors(form, ValidationError(["Kế hoạch đã gửi.", "Hết hạn báo cáo."]))
    assert form.non_field_errors() == ["Kế hoạch đã gửi.", "Hết hạn báo cáo."]
    assert form.errors.get("title") is None


def test_a_single_message_with_params_is_rendered():
    form = _bound_form()
    add_service_errors(form, ValidationError("Còn %(n)s ngày.", params={"n": 3}))
    assert form.non_field_errors() == ["Còn 3 ngày."]


# --- scoped download ---------------------------------------------------------------------------


def _own_documents(*, user, pk):
    return get_object_or_404(Document.objects.filter(uploaded_by_user=user), pk=pk)


class _DocumentDownload(ScopedDownloadView):
    scoped_get = staticmethod(_own_documents)


@pytest.fixture
def documents(db, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    owner = django_user_model.objects.create_user("owner")
    stranger = django_user_model.objects.create_user("stranger")
    doc = Document(title="Minh chứng", uploaded_by_user=owner)
    doc.file.save("minh-chung.pdf", ContentFile(b"%PDF-1.4 minh chung"), save=True)
    return owner, stranger, doc


def _get(view, user, pk):
    request = RequestFactory().get(f"/tai-ve/{pk}/")
    request.user = user
    return view.as_view()(request, pk=pk)


def test_download_goes_through_the_scoped_getter(documents, django_assert_num_queries):
    owner, _stranger, doc = documents
    with django_assert_num_queries(1):
        response = _get(_DocumentDownload, owner, doc.pk)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minh chung"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;")


def test_download_of_a_foreign_file_is_404_in_one_scoped_query(
    documents, django_assert_num_queries
):
    _owner, stranger, doc = documents
    with django_assert_num_queries(1) as captured:
        with pytest.raises(Http404):
            _get(_DocumentDownload, stranger, doc.pk)
    # The one query is the scoped one: the row is never read without the user's condition.
    (query,) = captured.captured_queries
    assert "uploaded_by_user_id" in query["sql"]


def test_download_of_a_row_without_file_is_404(documents):
    owner, _stranger, doc = documents
    Document.objects.filter(pk=doc.pk).update(file="")
    with pytest.raises(Http404):
        _get(_DocumentDownload, owner, doc.pk)


# --- one view per action -----------------------------------------------------------------------


class _RenameForm(forms.Form):
    name = forms.CharField(max_length=20)


def _own_groups(*, user, pk):
    return get_object_or_404(Group.objects.filter(user=user), pk=pk)


def _rename(*, group, name):
    if name == "trùng":
        raise ValidationError("Tên nhóm đã có.")
    group.name = name
    group.save()
    return group


class _RenameAction(ObjectActionView):
    scoped_get = staticmethod(_own_groups)
    form_class = _RenameForm
    success_message = "Đã đổi tên."

    def perform(self, form):
        return _rename(group=self.object, name=form.cleaned_data["name"])

    def get_success_url(self):
        return f"/nhom/{self.object.pk}/"


def _post(user, pk, data):
    request = RequestFactory().post("/", data)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request, _RenameAction.as_view()(request, pk=pk)


@pytest.fixture
def groups(db, django_user_model):
    member = django_user_model.objects.create_user("member")
    group = Group.objects.create(name="Tổ truyền thông")
    member.groups.add(group)
    return member, django_user_model.objects.create_user("outsider"), group


def test_action_fetches_validates_calls_and_redirects(groups):
    member, _outsider, group = groups
    request, response = _post(member, group.pk, {"name": "Tổ mới"})
    assert (response.status_code, response["Location"]) == (302, f"/nhom/{group.pk}/")
    group.refresh_from_db()
    assert group.name == "Tổ mới"
    assert [str(m) for m in get_messages(request)] == ["Đã đổi tên."]


@pytest.mark.parametrize(
    ("name", "message"),
    [("trùng", "Tên nhóm đã có."), ("", "Trường này là bắt buộc.")],
)
def test_refused_action_is_a_message_and_nothing_changes(groups, name, message):
    member, _outsider, group = groups
    request, response = _post(member, group.pk, {"name": name})
    assert (response.status_code, response["Location"]) == (302, f"/nhom/{group.pk}/")
    group.refresh_from_db()
    assert group.name == "Tổ truyền thông"
    assert [str(m) for m in get_messages(request)] == [message]


def test_action_on_a_foreign_object_is_404(groups):
    _member, outsider, group = groups
    with pytest.raises(Http404):
        _post(outsider, group.pk, {"name": "Tổ mới"})
    group.refresh_from_db()
    assert group.name == "Tổ truyền thông"


def test_action_answers_only_post(groups):
    member, _outsider, group = groups
    request = RequestFactory().get("/")
    request.user = member
    assert _RenameAction.as_view()(request, pk=group.pk).status_code == 405
