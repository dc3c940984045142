"""The histories of feedback, sub-plans, submissions and contact requests survive their move to
``core.StatusEvent`` (issue 12): a database holding rows in the old tables (and in Wagtail's log)
is migrated forward, every row is read back with its exact values, and migrating back restores
the old rows exactly."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from giamngheo.core.models import StatusEvent
from giamngheo.feedback.models import Category, Feedback
from giamngheo.planning.models import SubPlan
from giamngheo.reporting.models import Submission
from giamngheo.selfcheck.models import ContactRequest, PovertyStandard
from tests.factories import (
    DataSetFactory,
    OrganisationFactory,
    PeriodFactory,
    PlanFactory,
    UnitFactory,
)

# The state before the move: each app's migration just before its own move.
BEFORE = [
    ("core", "0001_initial"),
    ("feedback", "0003_handling_moderation_stats"),
    ("planning", "0001_plans_subplans_activities"),
    ("reporting", "0001_initial"),
    ("selfcheck", "0002_standard_07_2021"),
]
T1 = datetime(2023, 5, 10, 2, 0, tzinfo=UTC)
T2 = datetime(2023, 5, 12, 8, 30, 15, 123456, tzinfo=UTC)
T3 = datetime(2023, 11, 15, 9, 45, tzinfo=UTC)


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _entities():
    """Rows whose tables the move leaves alone, made at today's schema."""
    province = UnitFactory(level="province")
    commune = UnitFactory(level="commune", parent=province)
    organisation = OrganisationFactory(unit=province, name="Sở Thử Nghiệm")
    other = OrganisationFactory(unit=province, name="UBND Xã Thử Nghiệm")
    user = get_user_model().objects.create_user(username="can-bo-lich-su", password="x")
    feedback = Feedback.objects.create(
        tracking_code="PA-ABCD-EF",
        token_hash=secrets.token_hex(32),
        kind="feedback",
        category=Category.objects.create(code="lich-su", name="Lịch sử"),
        subject="Phản ánh cũ",
        description="Nội dung.",
        unit=commune,
        identity_mode="anonymous",
        channel="web",
        deadline=date(2023, 5, 24),
        organisation=other,
    )
    plan = PlanFactory()
    subplan = SubPlan.objects.create(plan=plan, organisation=organisation, title="Kế hoạch cũ")
    period = PeriodFactory(dataset=DataSetFactory(organisations=[organisation]))
    submission = Submission.objects.create(
        dataset=period.dataset, period=period, organisation=organisation
    )
    contact = ContactRequest.objects.create(
        created_at=T1,
        name="Trần Thị Bình",
        phone="0912345678",
        commune=commune,
        standard=PovertyStandard.objects.order_by("pk").first(),
        area="nong_thon",
        classification="ho_ngheo",
        consent_given_at=T1,
        status="da_lien_he",
    )
    return user, organisation, other, feedback, subplan, submission, contact


def _old_rows(apps, *, user, organisation, other, feedback, subplan, submission, contact):
    FeedbackEvent = apps.get_model("feedback", "FeedbackEvent")
    SubPlanEvent = apps.get_model("planning", "SubPlanEvent")
    SubmissionEvent = apps.get_model("reporting", "SubmissionEvent")
    LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentTypeOld = apps.get_model("contenttypes", "ContentType")
    for row in (
        dict(from_status="", to_status="received", organisation_id=organisation.pk, at=T1),
        # Two rows of one instant: their order must survive.
        dict(
            from_status="received",
            to_status="accepted",
            actor_id=user.pk,
            organisation_id=organisation.pk,
            reason="Thụ lý.",
            at=T2,
        ),
        dict(
            from_status="accepted",
            to_status="accepted",
            action="hide",
            actor_id=user.pk,
            organisation_id=other.pk,
            reason="Có thông tin cá nhân.",
            at=T2,
        ),
    ):
        at = row.pop("at")
        FeedbackEvent.objects.create(feedback_id=feedback.pk, created_at=at, **row)
    for model, fk, owner, rows in (
        (
            SubPlanEvent,
            "subplan_id",
            subplan,
            [
                ("draft", "submitted", None, "", T1),
                ("submitted", "returned", user.pk, "Bổ sung.", T3),
            ],
        ),
        (SubmissionEvent, "submission_id", submission, [("draft", "submitted", user.pk, "", T2)]),
    ):
        for from_status, to_status, actor_id, reason, at in rows:
            event = model.objects.create(
                **{fk: owner.pk},
                from_status=from_status,
                to_status=to_status,
                actor_id=actor_id,
                reason=reason,
            )
            model.objects.filter(pk=event.pk).update(at=at)  # auto_now_add
    contact_type = ContentTypeOld.objects.get_or_create(
        app_label="selfcheck", model="contactrequest"
    )[0]
    for action, at in (("selfcheck.khong_lien_he_duoc", T1), ("selfcheck.da_lien_he", T3)):
        LogEntry.objects.create(
            content_type=contact_type,
            object_id=str(contact.pk),
            label="Trần Thị Bình — 10/05/2023",
            action=action,
            data={},
            timestamp=at,
            user_id=user.pk,
        )
    organisation_type = ContentTypeOld.objects.get_or_create(
        app_label="organisations", model="organisation"
    )[0]
    LogEntry.objects.create(
        content_type=organisation_type,
        object_id=str(organisation.pk),
        label="Sở thử",
        action="wagtail.edit",
        data={},
        timestamp=T1,
        user_id=user.pk,
    )


FIELDS = ("from_status", "to_status", "action", "actor_id", "organisation_id", "reason", "at")


@pytest.mark.django_db(transaction=True)
def test_old_histories_are_moved_with_exact_values_and_moved_back():
    user, organisation, other, feedback, subplan, submission, contact = _entities()
    latest = _latest()
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        _old_rows(
            old,
            user=user,
            organisation=organisation,
            other=other,
            feedback=feedback,
            subplan=subplan,
            submission=submission,
            contact=contact,
        )
        _migrate(latest)

        def history(model, pk):
            return list(
                StatusEvent.objects.filter(
                    content_type=ContentType.objects.get_for_model(model), object_id=pk
                )
                .order_by("pk")
                .values_list(*FIELDS)
            )

        assert history(Feedback, feedback.pk) == [
            ("", "received", "status", None, organisation.pk, "", T1),
            ("received", "accepted", "status", user.pk, organisation.pk, "Thụ lý.", T2),
            ("accepted", "accepted", "hide", user.pk, other.pk, "Có thông tin cá nhân.", T2),
        ]
        assert history(SubPlan, subplan.pk) == [
            ("draft", "submitted", "status", None, None, "", T1),
            ("submitted", "returned", "status", user.pk, None, "Bổ sung.", T3),
        ]
        assert history(Submission, submission.pk) == [
            ("draft", "submitted", "status", user.pk, None, "", T2),
        ]
        assert history(ContactRequest, contact.pk) == [
            ("moi", "khong_lien_he_duoc", "status", user.pk, None, "", T1),
            ("khong_lien_he_duoc", "da_lien_he", "status", user.pk, None, "", T3),
        ]
        assert StatusEvent.objects.count() == 8
        # What the user reads: the same labels, in the same order, through the entity.
        feedback = Feedback.objects.get(pk=feedback.pk)
        assert [(e.at, e.label, e.organisation) for e in feedback.events.all()] == [
            (T1, "Đã tiếp nhận", organisation),
            (T2, "Đã thụ lý", organisation),
            (T2, "Ẩn khỏi trang công khai", other),
        ]
        assert [
            (e.get_from_status_display(), e.get_to_status_display())
            for e in SubPlan.objects.get(pk=subplan.pk).events.all()
        ] == [
            ("Dự thảo", "Đã gửi, chờ phê duyệt"),
            ("Đã gửi, chờ phê duyệt", "Trả lại để hoàn thiện"),
        ]
        # Wagtail's log keeps what is not a status change.
        from wagtail.models import ModelLogEntry

        assert not ModelLogEntry.objects.filter(action__startswith="selfcheck.").exists()
        assert list(
            ModelLogEntry.objects.filter(action="wagtail.edit").values_list("action", "object_id")
        ) == [("wagtail.edit", str(organisation.pk))]

        back = _migrate(BEFORE).loader.project_state(BEFORE).apps
        assert list(
            back.get_model("feedback", "FeedbackEvent")
            .objects.order_by("pk")
            .values_list(
                "feedback_id",
                "from_status",
                "to_status",
                "action",
                "actor_id",
                "organisation_id",
                "reason",
                "created_at",
            )
        ) == [
            (feedback.pk, "", "received", "status", None, organisation.pk, "", T1),
            (
                feedback.pk,
                "received",
                "accepted",
                "status",
                user.pk,
                organisation.pk,
                "Thụ lý.",
                T2,
            ),
            (
                feedback.pk,
                "accepted",
                "accepted",
                "hide",
                user.pk,
                other.pk,
                "Có thông tin cá nhân.",
                T2,
            ),
        ]
        assert list(
            back.get_model("planning", "SubPlanEvent")
            .objects.order_by("pk")
            .values_list("subplan_id", "from_status", "to_status", "actor_id", "reason", "at")
        ) == [
            (subplan.pk, "draft", "submitted", None, "", T1),
            (subplan.pk, "submitted", "returned", user.pk, "Bổ sung.", T3),
        ]
        assert list(
            back.get_model("reporting", "SubmissionEvent")
            .objects.order_by("pk")
            .values_list("submission_id", "from_status", "to_status", "actor_id", "reason", "at")
        ) == [(submission.pk, "draft", "submitted", user.pk, "", T2)]
        assert list(
            back.get_model("wagtailcore", "ModelLogEntry")
            .objects.exclude(action="wagtail.create")
            .order_by("timestamp", "pk")
            .values_list("object_id", "action", "user_id", "timestamp", "label")
        ) == [
            (str(organisation.pk), "wagtail.edit", user.pk, T1, "Sở thử"),
            (
                str(contact.pk),
                "selfcheck.khong_lien_he_duoc",
                user.pk,
                T1,
                "Trần Thị Bình — 10/05/2023",
            ),
            (str(contact.pk), "selfcheck.da_lien_he", user.pk, T3, "Trần Thị Bình — 10/05/2023"),
        ]
    finally:
        _migrate(latest)
