"""Public pages of the two-way channel: send, follow by code or private link, read the Q&A.

Pages that show an item's state are ``never_cache`` (private, no-store): the anonymous page cache
skips them, so a citizen always sees the current status. The Q&A list is cached like any
portal page and purged when an answer is published or withdrawn from publication.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from giamngheo.core.admin import add_service_errors
from giamngheo.core.antiabuse import client_address, form_token, once, rate_limited

from . import selectors, services
from .enums import TRANSITIONS, FeedbackStatus
from .forms import (
    AbuseCheck,
    FeedbackForm,
    LookupForm,
    QuestionSearchForm,
    RatingForm,
    SimilarCheckForm,
    SupplyInformationForm,
    WithdrawForm,
)

QUESTIONS_PAGE_SIZE = 20


def _rate_limited(request) -> bool:
    return rate_limited(
        f"feedback:rate:{client_address(request)}", limit=settings.FEEDBACK_RATE_LIMIT
    )


def _problem(request, message: str, status: int):
    return render(request, "feedback/problem.html", {"message": message}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request):
    if request.method == "POST":
        checking = request.POST.get("kiem_tra") == "1"
        # Checking for similar items writes nothing: it does not count against the limit.
        if not checking and _rate_limited(request):
            return _problem(
                request,
                _(
                    "Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn. "
                    "Vui lòng thử lại sau ít phút."
                ),
                429,
            )
        form = FeedbackForm(request.POST, request.FILES)
        if checking:
            return _check_similar(request, form)
        try:
            form.check_abuse()
        except AbuseCheck as exc:
            return _problem(request, str(exc), 400)
        if form.is_valid():

            def file_it() -> str:
                item = services.submit_feedback(
                    **form.service_kwargs(), client=client_address(request)
                )
                return reverse("feedback:private", args=[item.private_token])

            try:
                # The form's single-use token: a second post of it (back button, double click)
                # is answered with the first post's page, and files nothing.
                url, _first = once(form_token("feedback", request.POST.get("started", "")), file_it)
            except ValidationError as exc:
                if getattr(exc, "code", None) == "banned":
                    return _problem(request, " ".join(exc.messages), 403)
                add_service_errors(form, exc)
            else:
                return redirect(f"{url}?moi=1")
        status = 400
    else:
        form, status = FeedbackForm(), 200
    return render(request, "feedback/submit.html", {"form": form}, status=status)


def _check_similar(request, form):
    """The "check similar" step of the form (works without JavaScript): the same form comes
    back filled in, with the open items of the same commune and category whose subject shares
    a word. Nothing is filed, no field error is shown yet."""
    check = SimilarCheckForm(request.POST)
    initial = {
        name: request.POST.get(name)
        for name in form.fields
        if name not in ("attachments", "website") and name in request.POST
    }
    # Checkboxes and radios come back as strings; an unbound form with initial values renders
    # them as the citizen left them.
    if not check.is_valid():
        return render(
            request,
            "feedback/submit.html",
            {"form": FeedbackForm(initial=initial), "checked": True, "check_incomplete": True},
            status=400,
        )
    items = selectors.similar_open_items(
        unit=check.cleaned_data["unit"],
        category=check.cleaned_data["category"],
        subject=check.cleaned_data["subject"],
    )
    return render(
        request,
        "feedback/submit.html",
        {
            "form": FeedbackForm(initial=initial),
            "checked": True,
            "similar": items,
            "had_files": bool(request.FILES),
        },
    )


@require_http_methods(["GET"])
def similar(request):
    """Open items like the one being written (same commune and category, a shared word of the
    subject): a fragment for an enhanced form (``HX-Request``), a page without JavaScript.
    Public fields only: code, subject, status, link."""
    form = SimilarCheckForm(request.GET)
    items = []
    if form.is_valid():
        items = selectors.similar_open_items(
            unit=form.cleaned_data["unit"],
            category=form.cleaned_data["category"],
            subject=form.cleaned_data["subject"],
        )
    template = (
        "feedback/_similar.html" if request.headers.get("HX-Request") else "feedback/similar.html"
    )
    return render(
        request,
        template,
        {"similar": items, "form": form},
        status=200 if form.is_valid() else 400,
    )


def public_attachment(request, pk):
    """The public copy of an image (redacted or re-encoded) of an item whose answer is
    published; never the original file."""
    attachment = selectors.get_public_attachment(pk=pk)
    response = FileResponse(attachment.public_file.open("rb"), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def lookup(request):
    form = LookupForm(request.GET or None)
    not_found = False
    if form.is_bound and form.is_valid():
        item = selectors.get_public_feedback(code=form.cleaned_data["ma"])
        if item is not None:
            return redirect("feedback:status", code=item.tracking_code)
        not_found = True
    status = 404 if not_found else (400 if form.is_bound and form.errors else 200)
    return render(
        request, "feedback/lookup.html", {"form": form, "not_found": not_found}, status=status
    )


def _public_timeline(item):
    # Dates and states only: a handler's note may name people, so it never reaches this page.
    return [(e.at, e.label) for e in selectors.events_for(feedback=item, citizen=True)]


@never_cache
def status(request, code: str):
    item = selectors.get_public_feedback(code=code)
    if item is None:
        return _problem(request, _("Không tìm thấy phản ánh với mã tra cứu này."), 404)
    answer = getattr(item, "answer", None)
    return render(
        request,
        "feedback/status.html",
        {
            "item": item,
            "timeline": _public_timeline(item),
            "public_answer": answer if answer is not None and answer.is_published else None,
            "public_attachments": selectors.public_attachments(feedback=item),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def private(request, token: str):
    """The citizen's own page (private link): their item, the full answer, and the actions that
    are theirs — supply information when asked, withdraw."""
    item = selectors.get_feedback_by_token(token=token)
    supply_form = SupplyInformationForm(prefix="bs")
    withdraw_form = WithdrawForm(prefix="rut")
    rating_form = RatingForm(prefix="dg", initial={"rating": item.rating})
    status_code = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "supply":
                supply_form = SupplyInformationForm(request.POST, prefix="bs")
                if supply_form.is_valid():
                    services.supply_information(
                        feedback=item, text=supply_form.cleaned_data["text"]
                    )
                    return redirect("feedback:private", token=token)
            elif action == "rate":
                rating_form = RatingForm(request.POST, prefix="dg")
                if rating_form.is_valid():
                    services.rate_answer(feedback=item, rating=rating_form.cleaned_data["rating"])
                    return redirect("feedback:private", token=token)
            elif action == "withdraw":
                withdraw_form = WithdrawForm(request.POST, prefix="rut")
                if withdraw_form.is_valid():
                    services.withdraw_feedback(
                        feedback=item, reason=withdraw_form.cleaned_data["reason"]
                    )
                    return redirect("feedback:private", token=token)
            else:
                return _problem(request, _("Thao tác không hợp lệ."), 400)
        except ValidationError as exc:
            return _problem(request, " ".join(exc.messages), 409)
        status_code = 400
    events = list(selectors.events_for(feedback=item, citizen=True))
    return render(
        request,
        "feedback/private.html",
        {
            "item": item,
            "events": events,
            "answer": getattr(item, "answer", None),
            "is_new": request.GET.get("moi") == "1",
            "can_supply": item.status == FeedbackStatus.INFO_REQUESTED,
            "can_withdraw": FeedbackStatus.WITHDRAWN in TRANSITIONS[item.status],
            "supply_form": supply_form,
            "withdraw_form": withdraw_form,
            "rating_form": rating_form,
            "can_rate": item.status in (FeedbackStatus.ANSWERED, FeedbackStatus.CLOSED),
        },
        status=status_code,
    )


def questions(request):
    form = QuestionSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if form.is_bound and not form.is_valid():
        return render(
            request, "feedback/questions.html", {"form": form, "results": None}, status=400
        )
    paginator = Paginator(selectors.published_answers(query=query), QUESTIONS_PAGE_SIZE)
    raw_page = request.GET.get("trang", "1")
    if not raw_page.isdigit() or int(raw_page) < 1 or len(raw_page) > 6:
        return _problem(request, _("Số trang không hợp lệ."), 400)
    page = paginator.get_page(int(raw_page))
    return render(
        request, "feedback/questions.html", {"form": form, "results": page, "query": query}
    )
