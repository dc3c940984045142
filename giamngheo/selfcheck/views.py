"""The public self-check (Tự đánh giá theo chuẩn nghèo đa chiều).

Why the answers travel by POST and are never stored: a GET with the answers in the query string
would leave a household's income and deprivations in the server's and the proxy's access logs,
in the anonymous page cache (keyed by URL), in browser history and in Referer headers. A POST
keeps them in the request body only. Computing a result changes no state, so that POST needs no
CSRF token (``csrf_exempt``), and the questionnaire itself stays an ordinary cacheable GET page
without a per-visitor cookie. The result is marked ``never_cache``.

The one write — a household asking to be contacted — is a separate, CSRF-protected POST with the
anti-abuse checks of the feedback form (core.antiabuse: honeypot, minimum fill time; rate limit per client). Its
answers are carried as hidden fields and classified again on the server.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from giamngheo.core.admin import add_service_errors
from giamngheo.core.antiabuse import AbuseCheck, client_address, form_token, once, rate_limited

from . import selectors, services
from .enums import CLASS_PHRASE
from .forms import ContactForm, SelfCheckForm
from .standard import classify


def _rate_limited(request) -> bool:
    key = f"selfcheck:rate:{client_address(request)}"
    return rate_limited(key, limit=settings.FEEDBACK_RATE_LIMIT)


def _problem(request, message: str, status: int):
    response = render(request, "selfcheck/problem.html", {"message": message}, status=status)
    add_never_cache_headers(response)
    return response


def _no_standard(request, on):
    response = render(request, "selfcheck/no_standard.html", {"on": on})
    add_never_cache_headers(response)
    return response


def _result(form: SelfCheckForm):
    data = form.cleaned_data
    return classify(
        standard=form.standard,
        area=data["area"],
        income=data["income"],
        lacking=form.lacking_codes(),
    )


def _result_context(request, *, form: SelfCheckForm, contact_form: ContactForm) -> dict:
    result = _result(form)
    library = selectors.policy_library()
    return {
        "standard": form.standard,
        "result": result,
        "phrase": CLASS_PHRASE.get(result.classification, ""),
        "lacking": form.lacking_indicators(),
        "policies": [
            (p, p.page.get_url(request) if p.page_id and p.page.live else p.url)
            for p in selectors.policies_for(classification=result.classification)
        ],
        "library_url": library.get_url(request) if library else "",
        "answers": form.hidden_answers(),
        "contact_form": contact_form,
    }


@csrf_exempt  # see the module docstring: a result is computed, nothing is written
@require_http_methods(["GET", "HEAD", "POST"])
def selfcheck(request):
    on = selectors.today()
    standard = selectors.standard_for(on=on)
    if standard is None:
        return _no_standard(request, on)
    if request.method != "POST":
        form = SelfCheckForm(standard=standard)
        return render(request, "selfcheck/questionnaire.html", {"form": form})
    form = SelfCheckForm(request.POST, standard=standard)
    if not form.is_valid():
        response = render(request, "selfcheck/questionnaire.html", {"form": form}, status=400)
    else:
        context = _result_context(request, form=form, contact_form=ContactForm(on=on, prefix="lh"))
        response = render(request, "selfcheck/result.html", context)
    add_never_cache_headers(response)
    return response


@never_cache
@require_POST
def contact(request):
    if _rate_limited(request):
        return _problem(
            request,
            _("Bạn đã gửi quá nhiều đề nghị trong thời gian ngắn. Vui lòng thử lại sau ít phút."),
            429,
        )
    on = selectors.today()
    standard = selectors.standard_for(on=on)
    if standard is None:
        return _no_standard(request, on)
    contact_form = ContactForm(request.POST, on=on, prefix="lh")
    try:
        contact_form.check_abuse()
    except AbuseCheck as exc:
        return _problem(request, str(exc), 400)
    form = SelfCheckForm(request.POST, standard=standard)
    if not form.is_valid():
        return _problem(
            request,
            _("Câu trả lời tự đánh giá không đầy đủ. Vui lòng làm lại bảng câu hỏi."),
            400,
        )
    if contact_form.is_valid():
        d = contact_form.cleaned_data

        def file_it() -> str:
            services.submit_contact_request(
                name=d["name"],
                phone=d["phone"],
                commune=d["commune"],
                note=d["note"],
                consent=d["consent"],
                standard=standard,
                result=_result(form),
            )
            return reverse("selfcheck:sent")

        try:
            # The form's single-use token: the same form posted again files nothing more.
            started = request.POST.get(contact_form.add_prefix("started"), "")
            url, _first = once(form_token("selfcheck", started), file_it)
        except ValidationError as exc:
            add_service_errors(contact_form, exc)
        else:
            return redirect(url)
    context = _result_context(request, form=form, contact_form=contact_form)
    return render(request, "selfcheck/result.html", context, status=400)


@require_safe
def sent(request):
    return render(request, "selfcheck/sent.html")
