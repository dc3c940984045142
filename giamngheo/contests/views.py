"""Views of the contests app: thin, each through a scoped selector, a form and one service.

Public (``urls``): the contest and its results, sign-up and e-mail confirmation, the sign-in of
the contest area, the entrant's area and entry form, the jury's area (reviews, scoring, files,
conflicts). Admin (registered in ``wagtail_hooks``): the contest page, an entry's page (identity
for the secretariat only, every view of it logged), accept/refuse/redacted copy, the rounds'
actions, the ranking with the council's override, the decision and the documents.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from giamngheo.core.admin import (
    ObjectActionView,
    ObjectFormView,
    ScopedDownloadView,
    add_service_errors,
    error_text,
)
from giamngheo.core.antiabuse import (
    AbuseCheck,
    check_started,
    client_address,
    form_token,
    once,
    rate_limited,
    sign_started,
)
from giamngheo.core.documents import document_response
from giamngheo.organisations.audit import log_personal_data_access
from giamngheo.organisations.enums import AccessPurpose

from . import selectors, services
from .enums import ContestStatus, RoundStatus
from .forms import (
    ConflictForm,
    ContestForm,
    DecisionForm,
    EntryForm,
    JurorForm,
    OverrideForm,
    PrizeTierForm,
    ReasonForm,
    RecordConflictForm,
    RoundForm,
    ScoreForm,
    SignUpForm,
    UploadForm,
)
from .models import Score

REFUSALS = (ValidationError, PermissionDenied)


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _sign_in(request):
    return redirect(f"{reverse('contests:login')}?next={request.get_full_path()}")


def _rate_limited(key: str) -> bool:
    """The public forms' limit (core.antiabuse, shared by every worker): per client address for
    the sign-up, per entrant for the entries."""
    return rate_limited(f"contests:rate:{key}", limit=settings.FEEDBACK_RATE_LIMIT)


def _too_many(request):
    message = _("Anh/chị đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
    return _private(
        TemplateResponse(request, "contests/message.html", {"message": message}, status=429)
    )


# --- public ---------------------------------------------------------------------------------------


def index(request):
    return TemplateResponse(
        request, "contests/index.html", {"contests": selectors.public_contests()}
    )


def detail(request, slug):
    contest = selectors.get_public_contest(slug=slug)
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "contests/detail.html",
        {
            "contest": contest,
            "media": list(contest.media.all()),
            "tiers": sorted(
                contest.prize_tiers.select_related("medium"),
                key=lambda t: (t.medium is None, t.medium.position if t.medium else 0, t.position),
            ),
            "accepting": selectors.open_contests_now(today=today).filter(pk=contest.pk).exists(),
            "awards": selectors.public_awards(contest=contest),
            "collective": selectors.public_collective(contest=contest),
        },
    )


class LoginView(auth_views.LoginView):
    template_name = "contests/login.html"

    def get_default_redirect_url(self):
        return reverse("contests:home")


def logout(request):
    if request.method != "POST":
        raise Http404
    from django.contrib.auth import logout as do_logout  # noqa: PLC0415 (name clash)

    do_logout(request)
    return redirect("contests:index")


class SignUpView(View):
    def get(self, request):
        form = SignUpForm(initial={"started": sign_started()})
        return TemplateResponse(request, "contests/signup.html", {"form": form})

    def post(self, request):
        form = SignUpForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(request, "contests/signup.html", {"form": form}, status=400)
        data = form.cleaned_data
        try:
            if data.get("website"):
                raise AbuseCheck(_("Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại."))
            check_started(data["started"])
        except AbuseCheck as exc:
            form.add_error(None, str(exc))
            return TemplateResponse(request, "contests/signup.html", {"form": form}, status=400)
        if _rate_limited(f"signup:{client_address(request)}"):
            return _too_many(request)

        def register() -> str:
            services.register_entrant(
                email=data["email"],
                password=data["password"],
                full_name=data["full_name"],
                pen_name=data["pen_name"],
                phone=data["phone"],
                outlet=data["outlet"],
            )
            # Nothing personal is kept with the token (erasure must leave no e-mail behind).
            return "sent"

        try:
            # The form's single-use token: posted again, it registers no one more.
            _answer, first = once(form_token("contests.signup", data["started"]), register)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return TemplateResponse(request, "contests/signup.html", {"form": form}, status=400)
        if not first:
            message = _(
                "Biểu mẫu đăng ký này đã được gửi trước đó; hệ thống không ghi nhận thêm lần nữa. "
                "Mời anh/chị mở đường dẫn xác nhận trong thư điện tử đã nhận."
            )
            return TemplateResponse(request, "contests/message.html", {"message": message})
        return TemplateResponse(request, "contests/signup_sent.html", {"email": data["email"]})


def verify(request, token):
    try:
        services.verify_entrant(token=token)
    except ValidationError as exc:
        return TemplateResponse(
            request, "contests/message.html", {"message": error_text(exc)}, status=400
        )
    messages.success(request, _("Đã xác nhận thư điện tử. Mời anh/chị đăng nhập."))
    return redirect("contests:login")


def home(request):
    """After sign-in: the juror's area or the entrant's."""
    if not request.user.is_authenticated:
        return _sign_in(request)
    if selectors.is_juror(user=request.user):
        return redirect("contests:jury")
    return redirect("contests:mine")


# --- the entrant -------------------------------------------------------------------------------


def _entrant(request):
    entrant = selectors.entrant_for_user(user=request.user)
    if entrant is None:
        raise Http404
    return entrant


def _with(obj, **attributes):
    for name, value in attributes.items():
        setattr(obj, name, value)
    return obj


def mine(request):
    if not request.user.is_authenticated:
        return _sign_in(request)
    entrant = _entrant(request)
    today = timezone.localdate()
    return _private(
        TemplateResponse(
            request,
            "contests/entrant/mine.html",
            {
                "entrant": entrant,
                "entries": [
                    _with(entry, can_withdraw=services.may_withdraw(entry))
                    for entry in selectors.entries_of_entrant(entrant=entrant)
                ],
                "open_contests": selectors.open_contests_now(today=today),
            },
        )
    )


class SubmitView(View):
    def dispatch(self, request, slug):
        if not request.user.is_authenticated:
            return _sign_in(request)
        self.entrant = _entrant(request)
        self.contest = selectors.get_public_contest(slug=slug)
        return super().dispatch(request, slug)

    def render(self, form, status=200):
        return _private(
            TemplateResponse(
                self.request,
                "contests/entrant/submit.html",
                {"form": form, "contest": self.contest, "entrant": self.entrant},
                status=status,
            )
        )

    def get(self, request, slug):
        return self.render(EntryForm(contest=self.contest))

    def post(self, request, slug):
        form = EntryForm(request.POST, request.FILES, contest=self.contest)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        try:
            check_started(data["started"])
        except AbuseCheck as exc:
            form.add_error(None, str(exc))
            return self.render(form, status=400)
        if _rate_limited(f"entry:{self.entrant.pk}"):
            return _too_many(request)

        def send() -> str:
            services.submit_entry(
                entrant=self.entrant,
                contest=self.contest,
                medium=data["medium"],
                title=data["title"],
                outlet=data["outlet"],
                published_on=data["published_on"],
                placement=data["placement"],
                url=data["url"],
                instalments=data["instalments"],
                length=data["length"],
                summary=data["summary"],
                declarations={
                    k: data[k]
                    for k in ("not_awarded_elsewhere", "not_entered_elsewhere", "grants_rights")
                },
                coauthors=form.coauthor_list(),
                files=form.file_map(),
            )
            return reverse("contests:mine")

        try:
            # The form's single-use token, the entrant's own: the same form posted again (back
            # button, double click) sends no second entry and answers with the first page.
            token = form_token(f"contests.entry:{self.entrant.pk}", data["started"])
            url, first = once(token, send)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render(form, status=400)
        if first:
            messages.success(request, _("Đã gửi tác phẩm. Tổ thư ký sẽ thẩm định và báo kết quả."))
        else:
            messages.info(
                request,
                _("Tác phẩm này đã được gửi trước đó; hệ thống không ghi nhận thêm lần nữa."),
            )
        return redirect(url)


def withdraw(request, pk):
    if request.method != "POST":
        raise Http404
    if not request.user.is_authenticated:
        return _sign_in(request)
    entrant = _entrant(request)
    entry = selectors.entries_of_entrant(entrant=entrant).filter(pk=pk).first()
    if entry is None:
        raise Http404
    try:
        services.withdraw_entry(entrant=entrant, entry=entry)
        messages.success(request, _("Đã rút tác phẩm."))
    except REFUSALS as exc:
        messages.error(request, error_text(exc))
    return redirect("contests:mine")


# --- the jury ------------------------------------------------------------------------------------


def jury(request):
    if not request.user.is_authenticated:
        return _sign_in(request)
    jurors = list(selectors.jurors_of_user(user=request.user))
    if not jurors:
        raise Http404
    reviews = list(selectors.reviews_for_juror(user=request.user))
    return _private(
        TemplateResponse(
            request,
            "contests/jury/index.html",
            {
                "reviews": reviews,
                "jurors": jurors,
                "rounds": selectors.juror_rounds(user=request.user),
                "done": sum(1 for r in reviews if r.scored_at),
            },
        )
    )


class ScoreView(View):
    def dispatch(self, request, pk):
        if not request.user.is_authenticated:
            return _sign_in(request)
        self.review = selectors.get_review_for_juror(user=request.user, pk=pk)
        self.criteria = list(self.review.round.criteria.all())
        return super().dispatch(request, pk)

    def render(self, form, status=200):
        return _private(
            TemplateResponse(
                self.request,
                "contests/jury/score.html",
                {
                    "review": self.review,
                    "entry": self.review.entry,
                    "files": selectors.jury_files(review=self.review),
                    "form": form,
                    "conflict_form": ConflictForm(),
                },
                status=status,
            )
        )

    def get(self, request, pk):
        scores = {s.criterion_id: s for s in Score.objects.filter(review=self.review)}
        return self.render(ScoreForm(criteria=self.criteria, scores=scores))

    def post(self, request, pk):
        form = ScoreForm(request.POST, criteria=self.criteria)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            services.save_scores(
                actor=request.user,
                review=self.review,
                values=form.values(),
                abstain=form.cleaned_data["abstain"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render(form, status=400)
        messages.success(
            request, _("Đã lưu điểm tác phẩm %(code)s.") % {"code": self.review.entry.code}
        )
        if "next" in request.POST:
            following = selectors.next_review(user=request.user, after=self.review)
            if following is not None:
                return redirect("contests:score", following.pk)
        return redirect("contests:jury")


def jury_file(request, review, pk):
    if not request.user.is_authenticated:
        return _sign_in(request)
    found, stored = selectors.get_jury_file(user=request.user, review_pk=review, pk=pk)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        # The stored name is random; the one given out says only the code and the part.
        filename=f"{found.entry.code}-{stored.role}.{stored.kind}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def declare_conflict(request, pk):
    if request.method != "POST":
        raise Http404
    if not request.user.is_authenticated:
        return _sign_in(request)
    review = selectors.get_review_for_juror(user=request.user, pk=pk)
    form = ConflictForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Vui lòng nêu lý do xung đột lợi ích."))
        services.declare_conflict(
            actor=request.user,
            juror=review.juror,
            entry=review.entry,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("Đã ghi nhận xung đột lợi ích; tác phẩm được rút khỏi danh sách chấm của anh/chị."),
        )
    except REFUSALS as exc:
        messages.error(request, error_text(exc))
    return redirect("contests:jury")


# --- admin: the contest --------------------------------------------------------------------------


def _contest_url(contest) -> str:
    return reverse("contests_contest", args=[contest.pk])


class ContestView(View):
    def get(self, request, pk):
        contest = selectors.get_contest_for_user(user=request.user, pk=pk)
        secretary = services.is_secretary(user=request.user, contest=contest)
        entries = (
            list(selectors.entries_with_identity(user=request.user).filter(contest=contest))
            if secretary
            else list(selectors.contest_entries(user=request.user, contest=contest))
        )
        if secretary:
            log_personal_data_access(
                user=request.user,
                subject=[e.entrant for e in entries],
                purpose=AccessPurpose.APPRAISE,
                detail=f"contest {contest.pk}: entries list",
                request=request,
            )
        rounds = list(contest.rounds.prefetch_related("media", "criteria", "jurors"))
        return TemplateResponse(
            request,
            "contests/admin/contest.html",
            {
                "contest": contest,
                "page_title": contest.name,
                "header_title": contest.name,
                "secretary": secretary,
                "organises": services.may_organise(user=request.user, contest=contest),
                "entries": entries,
                "rounds": rounds,
                "decision_form": DecisionForm(),
                "certificates": selectors.certificate_rows(contest=contest),
                "media": list(contest.media.all()),
                "prize_tiers": list(contest.prize_tiers.select_related("medium")),
                "editable": contest.status in (ContestStatus.DRAFT, ContestStatus.OPEN),
            },
        )


class EntryView(View):
    def get(self, request, pk):
        entry = selectors.get_entry_for_user(user=request.user, pk=pk)
        secretary = services.is_secretary(user=request.user, contest=entry.contest)
        context = {
            "entry": entry,
            "page_title": str(entry),
            "header_title": str(entry),
            "secretary": secretary,
            "files": list(entry.files.all()) if secretary else [],
            "problems": services.entry_problems(entry=entry),
            "reason_form": ReasonForm(),
            "upload_form": UploadForm(),
        }
        if secretary:
            identity = (
                selectors.entries_with_identity(user=request.user)
                .prefetch_related("coauthors")
                .get(pk=entry.pk)
            )
            context["identity"] = identity
            log_personal_data_access(
                user=request.user,
                subject=identity.entrant,
                purpose=AccessPurpose.APPRAISE,
                detail=f"entry {entry.pk}",
                request=request,
            )
            services.record_identity_view(actor=request.user, entry=entry)
        return TemplateResponse(request, "contests/admin/entry.html", context)


class _EntryAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_entry_for_user)
    permission = "contests.check_entry"
    denied = PermissionDenied
    refusals = REFUSALS

    def get_success_url(self):
        return reverse("contests_entry", args=[self.object.pk])


class AcceptEntryView(_EntryAction):
    success_message = _("Đã xác nhận tác phẩm hợp lệ và cấp mã.")

    def perform(self, form):
        return services.accept_entry(actor=self.request.user, entry=self.object)


class RefuseEntryView(_EntryAction):
    form_class = ReasonForm
    success_message = _("Đã ghi tác phẩm không hợp lệ và báo tác giả.")

    def perform(self, form):
        return services.refuse_entry(
            actor=self.request.user, entry=self.object, reason=form.cleaned_data["reason"]
        )


class RedactedUploadView(_EntryAction):
    form_class = UploadForm
    success_message = _("Đã tải bản che tên; giám khảo chỉ thấy bản này.")

    def perform(self, form):
        return services.upload_redacted(
            actor=self.request.user, entry=self.object, upload=form.cleaned_data["file"]
        )


class EntryFileDownloadView(ScopedDownloadView):
    scoped_get = staticmethod(selectors.get_entry_file_for_user)

    def get_object(self):
        stored = super().get_object()
        if not services.is_secretary(user=self.request.user, contest=stored.entry.contest):
            raise Http404
        return stored


class _ContestAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_contest_for_user)
    permission = "contests.manage_contest"
    denied = PermissionDenied
    refusals = REFUSALS

    def get_success_url(self):
        return _contest_url(self.object)


class OpenContestView(_ContestAction):
    success_message = _("Đã mở nhận tác phẩm.")

    def perform(self, form):
        return services.open_contest(actor=self.request.user, contest=self.object)


class StartJudgingView(_ContestAction):
    success_message = _("Đã chuyển cuộc thi sang giai đoạn chấm.")

    def perform(self, form):
        return services.start_judging(actor=self.request.user, contest=self.object)


class DecisionView(_ContestAction):
    form_class = DecisionForm
    success_message = _("Đã ban hành quyết định trao giải; kết quả được công bố.")

    def perform(self, form):
        data = form.cleaned_data
        return services.issue_decision(
            actor=self.request.user,
            contest=self.object,
            number=data["number"],
            on=data["on"],
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
        )


class _RoundAction(ObjectActionView):
    scoped_get = staticmethod(selectors.get_round_for_user)
    denied = PermissionDenied
    refusals = REFUSALS

    def check_permission(self, obj):
        if not self.request.user.has_perm("contests.manage_contest", obj.contest):
            raise PermissionDenied

    def get_success_url(self):
        return reverse("contests_round", args=[self.object.pk])


class OpenRoundView(_RoundAction):
    success_message = _("Đã mở vòng chấm và gửi thư mời giám khảo.")

    def perform(self, form):
        return services.open_round(actor=self.request.user, round=self.object)


class CloseRoundView(_RoundAction):
    success_message = _("Đã khóa điểm và tính kết quả.")

    def perform(self, form):
        return services.close_round(actor=self.request.user, round=self.object)


class SignMinutesView(_RoundAction):
    success_message = _("Đã ký biên bản vòng chấm.")

    def perform(self, form):
        return services.sign_minutes(actor=self.request.user, round=self.object)


RANKING_PAGE = 100


def _chosen_medium(media, raw):
    """The medium asked for by ``?loai=`` (its id), else the first one the round covers."""
    for medium in media:
        if str(medium.pk) == str(raw):
            return medium
    return media[0] if media else None


class RoundView(View):
    """The ranking: by code only, whoever looks (the organiser never needs the names)."""

    def get(self, request, pk):
        rnd = selectors.get_round_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("contests.view_contest", rnd.contest):
            raise PermissionDenied
        visible = rnd.status in (RoundStatus.CLOSED, RoundStatus.SIGNED)
        media = selectors.round_media(round=rnd)
        medium = _chosen_medium(media, request.GET.get("loai"))
        rows = None
        if visible:
            # Paged by medium: one count and one slice, whatever the number of entries (1,000
            # rows rendered at once took 1.6 s).
            rows = Paginator(selectors.ranking(round=rnd, medium=medium), RANKING_PAGE).get_page(
                request.GET.get("trang")
            )
        return TemplateResponse(
            request,
            "contests/admin/round.html",
            {
                "round": rnd,
                "page_title": f"{rnd.contest.name} — {rnd.name}",
                "header_title": rnd.name,
                "rows": rows,
                "media": media,
                "medium": medium,
                "visible": visible,
                "organises": services.may_organise(user=request.user, contest=rnd.contest),
                "progress": rnd.reviews.filter(scored_at__isnull=False).count(),
                "total": rnd.reviews.count(),
                "criteria": list(rnd.criteria.all()),
                "jurors": list(rnd.jurors.select_related("user", "employer", "panel")),
                "conflicts": list(selectors.round_conflicts(round=rnd)),
                "records_conflicts": request.user.has_perm("contests.record_conflict", rnd.contest),
            },
        )


class OverrideView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_round_entry_for_user)
    denied = PermissionDenied
    refusals = REFUSALS
    form_class = OverrideForm
    template_name = "contests/admin/form.html"
    page_title = _("Hội đồng điều chỉnh kết quả")

    def check_permission(self, obj):
        if not self.request.user.has_perm("contests.manage_contest", obj.round.contest):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round": self.object.round}

    def perform(self, form):
        data = form.cleaned_data
        return services.override_result(
            actor=self.request.user,
            round_entry=self.object,
            selected=data["selected"],
            prize=data["prize"],
            reason=data["reason"],
        )

    def get_success_message(self):
        return _("Đã ghi điều chỉnh của hội đồng.")

    def get_success_url(self):
        return reverse("contests_round", args=[self.object.round_id])


def round_document(request, pk, fmt):
    rnd = selectors.get_round_for_user(user=request.user, pk=pk)
    if rnd.status != RoundStatus.SIGNED and rnd.status != RoundStatus.CLOSED:
        raise Http404
    return document_response(
        request, kind="contests.minutes", fmt=fmt, record=rnd, name=f"bien-ban-vong-{rnd.number}"
    )


def certificate_document(request, pk, fmt):
    """A winning entry's prize certificate (A4 landscape), for the contest's organiser and
    secretariat once the decision is issued."""
    row = selectors.get_certificate_row_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("contests.view_contest", row.round.contest):
        raise PermissionDenied
    return document_response(
        request,
        kind="contests.certificate",
        fmt=fmt,
        record=row,
        name=f"giay-chung-nhan-{row.entry.code.lower()}",
    )


def decision_document(request, pk, fmt):
    contest = selectors.get_contest_for_user(user=request.user, pk=pk)
    if not contest.decision_number:
        raise Http404
    return document_response(
        request, kind="contests.decision", fmt=fmt, record=contest, name="quyet-dinh-trao-giai"
    )


# --- admin: the set-up screens (contest, prizes, rounds, jury, conflicts) -----------------------

SETUP_TEMPLATE = "contests/admin/form.html"


class ContestCreateView(ObjectFormView):
    scoped_get = None
    form_class = ContestForm
    template_name = SETUP_TEMPLATE
    page_title = _("Tạo cuộc thi")
    header_icon = "pick"
    refusals = REFUSALS

    def check_permission(self, obj):
        if not self.request.user.has_perm("contests.create_contest"):
            raise PermissionDenied(
                _("Chỉ cán bộ của cơ quan có hoạt động cuộc thi (mục 2.2) mới tạo được cuộc thi.")
            )

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "activities": selectors.contest_activities(user=user),
            "organisers": selectors.organisers_for_user(user=user),
            "secretaries": selectors.secretary_candidates(user=user),
        }

    def perform(self, form):
        return services.create_contest(
            actor=self.request.user,
            rules_file=form.cleaned_data["rules_file"],
            **form.service_kwargs(),
        )

    def get_success_message(self):
        return _("Đã tạo cuộc thi “%(name)s”; thêm cơ cấu giải và vòng chấm.") % {
            "name": self.result.name
        }

    def get_success_url(self):
        return _contest_url(self.result)


class ContestEditView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_contest_for_user)
    permission = "contests.manage_contest"
    denied = PermissionDenied
    form_class = ContestForm
    template_name = SETUP_TEMPLATE
    page_title = _("Sửa thông tin cuộc thi")
    header_icon = "pick"
    refusals = REFUSALS
    success_message = _("Đã lưu thông tin cuộc thi.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "contest": self.object,
            "secretaries": selectors.secretary_candidates(
                user=self.request.user, contest=self.object
            ),
        }

    def perform(self, form):
        data = form.service_kwargs()
        return services.update_contest(
            actor=self.request.user,
            contest=self.object,
            rules_file=form.cleaned_data["rules_file"],
            **data,
        )

    def get_success_url(self):
        return _contest_url(self.object)


class PrizeTierCreateView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_contest_for_user)
    permission = "contests.manage_contest"
    denied = PermissionDenied
    form_class = PrizeTierForm
    template_name = SETUP_TEMPLATE
    page_title = _("Thêm giải")
    header_icon = "pick"
    refusals = REFUSALS
    success_message = _("Đã thêm giải vào cơ cấu giải.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contest": self.object}

    def perform(self, form):
        return services.add_prize_tier(
            actor=self.request.user, contest=self.object, **form.cleaned_data
        )

    def get_success_url(self):
        return _contest_url(self.object)


class RoundCreateView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_contest_for_user)
    permission = "contests.manage_contest"
    denied = PermissionDenied
    form_class = RoundForm
    template_name = SETUP_TEMPLATE
    page_title = _("Thêm vòng chấm")
    header_icon = "pick"
    refusals = REFUSALS
    success_message = _("Đã thêm vòng chấm; mời giám khảo cho vòng.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contest": self.object}

    def perform(self, form):
        return services.add_round(actor=self.request.user, contest=self.object, **form.cleaned_data)

    def get_success_url(self):
        return reverse("contests_round", args=[self.result.pk])


class _RoundSetupView(ObjectFormView):
    scoped_get = staticmethod(selectors.get_round_for_user)
    denied = PermissionDenied
    template_name = SETUP_TEMPLATE
    header_icon = "pick"
    refusals = REFUSALS
    permission_name = "contests.manage_contest"

    def check_permission(self, obj):
        if not self.request.user.has_perm(self.permission_name, obj.contest):
            raise PermissionDenied

    def get_success_url(self):
        return reverse("contests_round", args=[self.object.pk])


class RoundEditView(_RoundSetupView):
    form_class = RoundForm
    page_title = _("Sửa vòng chấm")
    success_message = _("Đã lưu vòng chấm.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "contest": self.object.contest,
            "round": self.object,
        }

    def perform(self, form):
        return services.update_round(
            actor=self.request.user, round=self.object, **form.cleaned_data
        )


class JurorAddView(_RoundSetupView):
    form_class = JurorForm
    page_title = _("Mời giám khảo")
    success_message = _("Đã thêm giám khảo vào vòng chấm.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "round": self.object,
            "find_account": selectors.find_account,
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.add_juror(
            actor=self.request.user,
            round=self.object,
            user=data["account"],
            employer=data["employer"],
            panel=data["panel"],
        )


class JurorRemoveView(ObjectActionView):
    scoped_get = staticmethod(selectors.get_juror_for_user)
    denied = PermissionDenied
    refusals = REFUSALS
    success_message = _("Đã bớt giám khảo khỏi vòng chấm.")

    def check_permission(self, obj):
        if not self.request.user.has_perm("contests.manage_contest", obj.round.contest):
            raise PermissionDenied

    def perform(self, form):
        return services.remove_juror(actor=self.request.user, juror=self.object)

    def get_success_url(self):
        return reverse("contests_round", args=[self.object.round_id])


class ConflictRecordView(_RoundSetupView):
    form_class = RecordConflictForm
    page_title = _("Ghi nhận xung đột lợi ích")
    success_message = _("Đã ghi nhận xung đột; giám khảo không chấm tác phẩm này.")
    permission_name = "contests.record_conflict"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "round": self.object,
            "entries": selectors.conflict_entries(round=self.object),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.record_conflict(
            actor=self.request.user, juror=data["juror"], entry=data["entry"], reason=data["reason"]
        )
