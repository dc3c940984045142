"""factory_boy factories for the project's rows, each created through its app's service (the
validation, tree paths and audit a real row gets), never by writing the model directly.

    unit = UnitFactory(level=UnitLevel.DISTRICT, parent=province)
    officer = MembershipFactory(organisation=org, role=Role.UNIT_OFFICER).user
    plan = PlanFactory(orgs={"so": lead, "D1": district})
    activity = ActivityFactory(actor=admin, subplan=SubPlanFactory(actor=admin, plan=plan, ...))

Defaults are valid on their own where a row stands alone (a unit, an organisation, a user, a
category); rows that need an actor or a parent in scope (sub-plans, activities, submissions)
take them as arguments. The worlds in ``tests/*/conftest.py`` are built from these.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from giamngheo.feedback.enums import FeedbackKind, IdentityMode
from giamngheo.organisations.enums import (
    OrganisationKind,
    PublicAccountKind,
    Role,
    SuccessionKind,
    UnitLevel,
)

PASSWORD = "Mat-khau-thu-2023!"
START = date(2023, 1, 1)
LEGACY_LAST_DAY, REFORM_DAY = date(2025, 6, 30), date(2025, 7, 1)
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _call(path: str, **kwargs):
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(**kwargs)


class ServiceFactory(DjangoModelFactory):
    """``create()`` calls ``_service`` (a dotted path) with the declared fields as keywords."""

    _service = ""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return _call(cls._service, **kwargs)


# --- organisations ----------------------------------------------------------------------------


class UnitFactory(ServiceFactory):
    _service = "giamngheo.organisations.services.create_unit"

    class Meta:
        model = "organisations.AdministrativeUnit"

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    level = UnitLevel.COMMUNE
    parent = None
    valid_from = None
    valid_to = None


class SuccessionFactory(ServiceFactory):
    _service = "giamngheo.organisations.services.record_succession"

    class Meta:
        model = "organisations.UnitSuccession"

    predecessor = factory.SubFactory(UnitFactory, valid_to=LEGACY_LAST_DAY)
    successor = factory.SubFactory(UnitFactory, valid_from=REFORM_DAY)
    kind = SuccessionKind.MERGE
    on = REFORM_DAY


class OrganisationFactory(ServiceFactory):
    _service = "giamngheo.organisations.services.create_organisation"

    class Meta:
        model = "organisations.Organisation"

    name = factory.LazyAttribute(lambda o: f"Ủy ban nhân dân {o.unit.name}")
    kind = OrganisationKind.PEOPLES_COMMITTEE
    unit = factory.SubFactory(UnitFactory)
    is_lead = False


class UserFactory(DjangoModelFactory):
    """A user signing in with ``PASSWORD``."""

    class Meta:
        model = "auth.User"

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = ""

    @classmethod
    def _create(cls, model_class, *args, username, password=PASSWORD, **kwargs):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_user(username, password=password, **kwargs)


class MembershipFactory(ServiceFactory):
    _service = "giamngheo.organisations.services.create_membership"

    class Meta:
        model = "organisations.Membership"

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.UNIT_OFFICER
    valid_from = START


class PublicProfileFactory(ServiceFactory):
    _service = "giamngheo.organisations.services.create_public_profile"

    class Meta:
        model = "organisations.PublicProfile"

    user = factory.SubFactory(UserFactory)
    kind = PublicAccountKind.CITIZEN
    phone = ""


# --- planning ---------------------------------------------------------------------------------


def _items(*pairs):
    from giamngheo.planning.services import ItemSpec

    return [ItemSpec(code=code, text=text) for code, text in pairs]


def _funding():
    from giamngheo.planning.services import FundingSpec

    return [
        FundingSpec(code="1", name="Ngân sách nhà nước", text="Ngân sách."),
        FundingSpec(code="2", name="Xã hội hóa", text="Huy động."),
    ]


def _assignments(orgs: dict):
    """Section V: the lead department (key ``so``) leads; every other organisation coordinates."""
    from giamngheo.planning.enums import AssignmentRole
    from giamngheo.planning.services import AssignmentSpec

    return [
        AssignmentSpec(
            code="1",
            heading="Sở Lao động - Thương binh và Xã hội",
            role=AssignmentRole.LEAD,
            tasks=["- Chủ trì."],
            organisations=[o for o in [orgs.get("so")] if o],
        ),
        AssignmentSpec(
            code="2",
            heading="UBND huyện, xã",
            role=AssignmentRole.COORDINATING,
            tasks=["- Thực hiện."],
            organisations=[o for k, o in orgs.items() if k != "so"],
        ),
    ]


class PlanFactory(ServiceFactory):
    """A small plan: contents 1.1, 1.2; forms 2.1 (mass media), 2.4 (training); solution 3.1;
    funding sources 1 (state budget) and 2 (socialised); section V assigns ``orgs``."""

    _service = "giamngheo.planning.services.create_plan"

    class Meta:
        model = "planning.Plan"

    class Params:
        orgs = factory.LazyFunction(dict)

    issuing_body_name = "UBND TỈNH THỬ NGHIỆM"
    number = ""
    place = "Thử Nghiệm"
    year = 2023
    title = factory.LazyAttribute(lambda o: f"Truyền thông về giảm nghèo bền vững năm {o.year}")
    legal_bases = "Thực hiện Kế hoạch giai đoạn 2021-2025; UBND tỉnh ban hành Kế hoạch như sau:"
    purposes = factory.LazyFunction(lambda: ["- Mục đích thứ nhất;", "- Mục đích thứ hai."])
    requirements = factory.LazyFunction(lambda: ["- Yêu cầu thứ nhất."])
    audience = "Người dân và cán bộ làm công tác giảm nghèo."
    scope = "Trên phạm vi toàn tỉnh."
    period_text = factory.LazyAttribute(lambda o: f"Năm {o.year}.")
    period_start = factory.LazyAttribute(lambda o: date(o.year, 1, 1))
    period_end = factory.LazyAttribute(lambda o: date(o.year, 12, 31))
    report_deadline = factory.LazyAttribute(lambda o: date(o.year, 11, 15))
    closing = factory.LazyFunction(lambda: ["Trên đây là Kế hoạch."])
    recipients = factory.LazyFunction(lambda: ["- Như mục V;", "- Lưu: VT."])
    signer_authority = "KT. CHỦ TỊCH"
    signer_title = "PHÓ CHỦ TỊCH"
    signer_name = "Nguyễn Văn Thử"
    contents = factory.LazyFunction(
        lambda: _items(("1.1", "Nội dung một."), ("1.2", "Nội dung hai."))
    )
    forms = factory.LazyFunction(
        lambda: _items(("2.1", "Truyền thông đại chúng."), ("2.4", "Tập huấn."))
    )
    solutions = factory.LazyFunction(lambda: _items(("3.1", "Giải pháp một.")))
    funding_sources = factory.LazyFunction(_funding)
    assignments = factory.LazyAttribute(lambda o: _assignments(o.orgs))


class SubPlanFactory(ServiceFactory):
    """Needs ``actor`` and ``plan``; the organisation must be assigned and in the actor's scope."""

    _service = "giamngheo.planning.services.create_subplan"

    class Meta:
        model = "planning.SubPlan"

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.LazyAttribute(lambda o: f"Kế hoạch cụ thể của {o.organisation.name}")


def _budget(subplan):
    from giamngheo.planning.services import BudgetSpec

    source = subplan.plan.funding_sources.get(code="1")
    return [BudgetSpec(funding_source=source, planned=5_000_000, spent=4_500_000)]


class ActivityFactory(ServiceFactory):
    """Needs ``actor`` and ``subplan``: form 2.1, content 1.1, the sub-plan's own unit, March 2023,
    5.000.000 đ planned and 4.500.000 đ spent from source 1, 3 articles and 1 broadcast."""

    _service = "giamngheo.planning.services.create_activity"

    class Meta:
        model = "planning.Activity"

    title = "Tọa đàm trên sóng phát thanh"
    form = factory.LazyAttribute(lambda o: o.subplan.plan.items.get(code="2.1"))
    contents = factory.LazyAttribute(lambda o: [o.subplan.plan.items.get(code="1.1")])
    units = factory.LazyAttribute(lambda o: [o.subplan.organisation.unit])
    start_date = date(2023, 3, 1)
    end_date = date(2023, 3, 31)
    budget = factory.LazyAttribute(lambda o: _budget(o.subplan))
    outputs = factory.LazyFunction(lambda: {"article": 3, "broadcast": 1})


# --- reporting --------------------------------------------------------------------------------


class IndicatorFactory(ServiceFactory):
    _service = "giamngheo.reporting.services.create_indicator"

    class Meta:
        model = "reporting.Indicator"

    code = factory.Sequence(lambda n: f"TT.{n:03d}")
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    measure = "count"
    aggregation = "sum"
    disaggregation = "none"
    prefill_source = "none"
    prefill_key = ""


class DataSetFactory(ServiceFactory):
    """Reported yearly, due 15/11, a reminder 5 working days before."""

    _service = "giamngheo.reporting.services.create_dataset"

    class Meta:
        model = "reporting.DataSet"

    code = factory.Sequence(lambda n: f"KQ-{n:03d}")
    name = factory.Sequence(lambda n: f"Biểu báo cáo {n}")
    elements = factory.LazyFunction(lambda: [IndicatorFactory()])
    organisations = factory.LazyFunction(list)
    plan = None
    due_day = 15
    due_month = 11
    reminder_working_days = 5


class PeriodFactory(ServiceFactory):
    _service = "giamngheo.reporting.services.create_period"

    class Meta:
        model = "reporting.Period"

    dataset = factory.SubFactory(DataSetFactory)
    name = "Năm 2023"
    start = date(2023, 1, 1)
    end = date(2023, 12, 31)


class SubmissionFactory(ServiceFactory):
    """Needs ``actor`` and ``organisation`` (a reporter of the period's data set)."""

    _service = "giamngheo.reporting.services.start_submission"

    class Meta:
        model = "reporting.Submission"

    period = factory.SubFactory(PeriodFactory)
    dataset = factory.LazyAttribute(lambda o: o.period.dataset)


# --- feedback ---------------------------------------------------------------------------------


class CategoryFactory(ServiceFactory):
    _service = "giamngheo.feedback.services.create_category"

    class Meta:
        model = "feedback.Category"

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class RoutingRuleFactory(ServiceFactory):
    _service = "giamngheo.feedback.services.create_routing_rule"

    class Meta:
        model = "feedback.RoutingRule"

    organisation = factory.SubFactory(OrganisationFactory)
    unit = factory.LazyAttribute(lambda o: o.organisation.unit)
    category = None
    valid_from = START
    valid_to = None


def local(*args) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return datetime(*args, tzinfo=HCM)


class FeedbackFactory(ServiceFactory):
    """A confidential item received 10/05/2023 9:00, with consent, no notice sent."""

    _service = "giamngheo.feedback.services.submit_feedback"

    class Meta:
        model = "feedback.Feedback"

    kind = FeedbackKind.FEEDBACK
    category = factory.SubFactory(CategoryFactory)
    subject = factory.Sequence(lambda n: f"Phản ánh số {n}")
    description = "Nội dung phản ánh để kiểm tra."
    unit = factory.SubFactory(UnitFactory)
    identity_mode = IdentityMode.CONFIDENTIAL
    reporter_name = "Nguyễn Văn An"
    reporter_phone = "0912 345 678"
    reporter_email = "nguoi.gui@example.vn"
    consent_processing = True
    consent_publish = True
    received_at = factory.LazyFunction(lambda: local(2023, 5, 10, 9, 0))
    notify = False


# --- selfcheck --------------------------------------------------------------------------------


def _standard(on: date):
    from giamngheo.selfcheck.selectors import standard_for

    return standard_for(on=on)


def _result(standard):
    from giamngheo.selfcheck.standard import classify

    return classify(standard=standard, area="nong_thon", income=1_000_000, lacking=[1, 2, 3])


class ContactRequestFactory(ServiceFactory):
    """A poor household (rural, 1.000.000 đ, lacking indicators 1–3) asking on 02/05/2024 under
    the standard in force then (07/2021, loaded by migration)."""

    _service = "giamngheo.selfcheck.services.submit_contact_request"

    class Meta:
        model = "selfcheck.ContactRequest"

    name = factory.Sequence(lambda n: f"Hộ gia đình {n}")
    phone = factory.Sequence(lambda n: f"0912{n:06d}")
    commune = factory.SubFactory(UnitFactory)
    at = factory.LazyFunction(lambda: local(2024, 5, 2, 9, 0))
    standard = factory.LazyAttribute(lambda o: _standard(o.at.date()))
    result = factory.LazyAttribute(lambda o: _result(o.standard))
    consent = True


# --- results ----------------------------------------------------------------------------------


class ReviewInputFactory(factory.Factory):
    """One commune's poverty review figures (a value object: ``save_poverty_reviews`` stores a
    list of them)."""

    class Meta:
        model = "giamngheo.results.services.ReviewInput"

    unit = None
    year = 2023
    total_households = 1000
    poor = 100
    near_poor = 50
    escaped = 20
    newly_poor = 5
    source = "Quyết định số 123/QĐ-UBND ngày 05/01/2024"
    source_organisation = "UBND tỉnh Thử Nghiệm"
    as_of = factory.LazyAttribute(lambda o: date(o.year, 12, 31))
    is_sample = False

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        from giamngheo.results.services import ReviewInput

        return ReviewInput(**kwargs)

    _create = _build
