"""Request hygiene shared by every page and API."""

from __future__ import annotations

import logging
import unicodedata
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponseBadRequest, QueryDict
from django.http.request import split_domain_port
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from .cache import memoised

logger = logging.getLogger("giamngheo.request")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class InvalidInput(ValueError):
    pass


def _normalise_querydict(data: QueryDict) -> QueryDict:
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        for value in [key, *values]:
            if "\x00" in value:
                raise InvalidInput("NUL")
            if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
                raise InvalidInput("surrogate")
        clean.setlist(
            unicodedata.normalize("NFC", key), [unicodedata.normalize("NFC", v) for v in values]
        )
    clean._mutable = False
    return clean


def bad_request(request, message: str):
    body = render_to_string("400.html", {"message": message}, request=request)
    return HttpResponseBadRequest(body)


class NormaliseInputMiddleware:
    """Every query string and form field reaches the code in NFC; NUL bytes are refused.

    Vietnamese typed on macOS or pasted from some PDFs arrives decomposed (NFD): "ế" as
    "e" + two combining marks. Normalising once here means every model, search and duplicate
    check sees one spelling of each word.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            _check_utf8(request.META.get("QUERY_STRING", "").encode("latin-1", "replace"))
            if request.GET:
                request.GET = _normalise_querydict(request.GET)
            if request.method == "POST" and request.content_type in _FORM_TYPES:
                if request.content_type == "application/x-www-form-urlencoded":
                    _check_utf8(request.body)
                request.POST = _normalise_querydict(request.POST)
                if request.content_type == "multipart/form-data":
                    # Fields Django decoded with replacement characters: the bytes were not UTF-8.
                    for key, values in request.POST.lists():
                        if any("\ufffd" in v for v in [key, *values]):
                            raise InvalidInput("utf-8")
        except InvalidInput:
            return bad_request(request, _("Dữ liệu gửi lên có ký tự không hợp lệ."))
        except (RequestDataTooBig, TooManyFieldsSent) as exc:
            # A refusal, not a fault: one line in the log, no traceback.
            logger.warning(
                "request refused reason=%s method=%s path=%s length=%s ip=%s",
                type(exc).__name__,
                request.method,
                request.path[:200],
                request.META.get("CONTENT_LENGTH", ""),
                request.META.get("REMOTE_ADDR", ""),
            )
            response = bad_request(request, _("Dữ liệu gửi lên quá lớn."))
            response.status_code = 413
            return response
        return self.get_response(request)


def _check_utf8(raw: bytes) -> None:
    """Form-encoded bytes whose %-escapes are not UTF-8 (``%C0%AF%FF``) are refused: decoding
    them would store replacement characters (U+FFFD) in place of what the sender meant."""
    if not raw:
        return
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("utf-8") from None


class CookieLocaleMiddleware:
    """Vietnamese unless the visitor chose English with the language switch (a cookie).

    Unlike Django's LocaleMiddleware it ignores Accept-Language: the portal of a Vietnamese
    province speaks Vietnamese by default, and the page cache can key on the cookie alone.
    Wagtail's admin activates each staff member's own language preference on top of this.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class AdminCSPMiddleware:
    """Wagtail's admin still relies on inline styles and scripts; relax the policy there only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {
                "script-src": ["'unsafe-inline'", "'unsafe-eval'"],
                "style-src": ["'unsafe-inline'"],
                "img-src": ["blob:"],
            }
            # The page preview is an iframe of our own site.
            response._csp_replace = {"frame-src": ["'self'"], "frame-ancestors": ["'self'"]}
        return response


class MemoisedSiteMiddleware:
    """Wagtail finds the request's site with a query on every request (``Site.find_for_request``,
    a few milliseconds); the answer changes only when a site is saved. It is memoised per host
    name and port (core.cache.memoised; every save of a site purges) and handed to Wagtail the
    way Wagtail keeps it, on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The same inputs Wagtail's own lookup uses (the raw host: ALLOWED_HOSTS is checked
        # wherever get_host() is called, as before).
        key = ("wagtail.site", split_domain_port(request._get_raw_host())[0], request.get_port())
        request._wagtail_site = memoised(key, lambda: Site._find_for_request(request))
        return self.get_response(request)
