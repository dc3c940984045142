"""Open311 GeoReport v2 at /open311/v2/: services, service definitions, requests (GET and
POST), one request, tokens. JSON and XML by suffix; errors as the spec's list of
``{code, description}``. GET responses carry no contact data; ``media_url`` is stored as a
link and never fetched. ``service_request_id`` is the tracking code citizens already know.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.csrf import csrf_exempt

from giamngheo.core.antiabuse import (
    OnceConflict,
    client_address,
    once,
    payload_digest,
    rate_limited,
)
from giamngheo.core.text import clean_name, normalize_text, validate_phone

from . import selectors, services
from .enums import OPEN311_CLOSED, Channel, FeedbackKind, FeedbackStatus, IdentityMode
from .models import DESCRIPTION_MAX, Feedback

logger = logging.getLogger(__name__)
MAX_RANGE = timedelta(days=90)
PAGE_SIZE = 200
_TAG = re.compile(r"<[a-zA-Z/!?]")


class ApiError(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _render(data, *, fmt: str, root: str, item: str, status: int = 200, cache: bool = False):
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False)
        response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    else:
        top = ET.Element(root)
        for row in data:
            element = ET.SubElement(top, item)
            for key, value in row.items():
                _xml_value(element, key, value)
        body = (
            b'<?xml version="1.0" encoding="utf-8"?>'
            + ET.tostring(top, encoding="utf-8").split(b"?>", 1)[-1]
        )
        response = HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    if not cache:
        # Statuses change: never served from the anonymous page cache.
        response["Cache-Control"] = "private, no-cache"
    return response


def _xml_value(parent, key, value):
    child = ET.SubElement(parent, key)
    if isinstance(value, list):
        singular = {"attributes": "attribute", "values": "value", "keywords": "keyword"}
        for entry in value:
            if isinstance(entry, dict):
                sub = ET.SubElement(child, singular.get(key, "item"))
                for k, v in entry.items():
                    _xml_value(sub, k, v)
            else:
                ET.SubElement(child, singular.get(key, "item")).text = str(entry)
    elif isinstance(value, bool):
        child.text = "true" if value else "false"
    elif value is not None:
        child.text = str(value)


def _error(fmt: str, status: int, description: str):
    return _render(
        [{"code": status, "description": description}],
        fmt=fmt or "json",
        root="errors",
        item="error",
        status=status,
    )


def _api(*methods: str):
    """An Open311 view: errors of every kind (a wrong method included) as the spec's list."""

    def decorate(view):
        def wrapper(request, *args, fmt: str, **kwargs):
            try:
                if request.method not in methods:
                    response = _error(fmt, 405, _("Phương thức không được hỗ trợ."))
                    response["Allow"] = ", ".join(methods)
                    return response
                _refuse_repeated(request)
                if "jurisdiction_id" in request.GET:
                    _limited(request.GET["jurisdiction_id"], "jurisdiction_id", 60)
                return view(request, *args, fmt=fmt, **kwargs)
            except ApiError as exc:
                return _error(fmt, exc.status, exc.description)
            except DatabaseError:
                logger.warning("open311 database unavailable path=%s", request.path)
                return _error(
                    fmt, 503, _("Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau.")
                )

        wrapper.__name__ = view.__name__
        return csrf_exempt(wrapper)

    return decorate


def _refuse_repeated(request) -> None:
    """Every Open311 parameter is single-valued: one sent twice is refused, never "last wins"."""
    for data in (request.GET, request.POST if request.method == "POST" else None):
        if data is None:
            continue
        for name, values in data.lists():
            # Only the parameters the API declares; a name it does not know is ignored anyway.
            if len(values) > 1 and name in DECLARED_PARAMS:
                raise ApiError(400, _("Tham số %(name)s được gửi nhiều lần.") % {"name": name[:40]})


def error_response(request, status: int, description: str):
    """An error under /open311/ that no view answered (an id the routes do not match, a refused
    request): the spec's error list, in the format the path asks for (JSON by default)."""
    return _error(_format_of(request.path), status, description)


def _format_of(path: str) -> str:
    return "xml" if path.endswith(".xml") else "json"


def _iso(value) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _expected(item: Feedback) -> str:
    end_of_day = timezone.make_aware(datetime.combine(item.deadline, time(23, 59, 59)))
    return _iso(end_of_day)


# --- services ------------------------------------------------------------------------------


def _service(category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "",
    }


@_api("GET")
def services_list(request, *, fmt):
    rows = [_service(c) for c in selectors.active_categories()]
    return _render(rows, fmt=fmt, root="services", item="service", cache=True)


@_api("GET")
def service_definition(request, code: str, *, fmt):
    category = selectors.active_categories().filter(code=code).first()
    if category is None:
        raise ApiError(404, _("Không có lĩnh vực (service_code) này."))
    attributes = [
        {
            "variable": True,
            "code": "kind",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "",
            "order": 1,
            "description": _("Loại phản ánh"),
            "values": [{"key": v, "name": str(label)} for v, label in FeedbackKind.choices],
        },
        {
            "variable": True,
            "code": "commune",
            "datatype": "string",
            "required": False,
            "datatype_description": _(
                "Mã đơn vị hành chính cấp xã đang có hiệu lực (có thể gửi trong address_id)."
            ),
            "order": 2,
            "description": _("Xã, phường nơi xảy ra sự việc"),
        },
        {
            "variable": True,
            "code": "publish",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "",
            "order": 3,
            "description": _("Người gửi đồng ý công khai câu hỏi và trả lời"),
            "values": [{"key": "true", "name": _("Đồng ý")}, {"key": "false", "name": _("Không")}],
        },
    ]
    data = {"service_code": category.code, "attributes": attributes}
    if fmt == "json":
        return _render(data, fmt=fmt, root="", item="", cache=True)
    top = ET.Element("service_definition")
    for key, value in data.items():
        _xml_value(top, key, value)
    body = (
        b'<?xml version="1.0" encoding="utf-8"?>'
        + ET.tostring(top, encoding="utf-8").split(b"?>", 1)[-1]
    )
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


# --- requests ------------------------------------------------------------------------------


def _request_row(item: Feedback) -> dict:
    answer = getattr(item, "answer", None)
    published = answer is not None and answer.is_published and item.consent_publish
    notes = item.get_status_display()
    if published:
        notes = f"{notes}. {answer.body}"
    return {
        "service_request_id": item.tracking_code,
        "status": "closed" if item.status in OPEN311_CLOSED else "open",
        "status_notes": notes,
        "service_name": item.category.name,
        "service_code": item.category.code,
        # The description may name people: public only once its answer is published.
        "description": item.description if published else "",
        "agency_responsible": item.organisation.name if item.organisation else "",
        "service_notice": "",
        "requested_datetime": _iso(item.received_at),
        "updated_datetime": _iso(item.updated_at),
        "expected_datetime": _expected(item),
        "address": item.unit.name if item.unit else item.address,
        "address_id": item.unit.code if item.unit else "",
        "zipcode": "",
        "lat": float(item.latitude) if item.latitude is not None else None,
        "long": float(item.longitude) if item.longitude is not None else None,
        "media_url": item.media_url,
    }


def _parse_date(raw: str, name: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(400, _("%(name)s không đúng định dạng ISO 8601.") % {"name": name}) from None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        # In UTC: PostgreSQL refuses offsets beyond ±15:59 that Python accepts (-20:33 …).
        value = value.astimezone(UTC)
        # A date at the edge of the calendar: refused, never a 500 when the range is computed.
        value - MAX_RANGE
        value + MAX_RANGE
    except (OverflowError, ValueError):
        raise ApiError(400, _("%(name)s nằm ngoài khoảng cho phép.") % {"name": name}) from None
    return value


def _page_size(raw: str | None) -> int:
    if raw in (None, ""):
        return PAGE_SIZE
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4) or not 1 <= int(raw) <= PAGE_SIZE:
        raise ApiError(400, _("page_size phải là số nguyên từ 1 đến %(max)s.") % {"max": PAGE_SIZE})
    return int(raw)


def _public_requests():
    return selectors.public_feedback()


@_api("GET", "POST")
def requests_view(request, *, fmt):
    if request.method == "POST":
        return _create_request(request, fmt=fmt)
    params = request.GET
    qs = _public_requests()
    for name in ("start_date", "end_date", "service_code", "status", "page_size"):
        if name in params and not params[name].strip():
            raise ApiError(400, _("%(name)s không được để trống.") % {"name": name})
    if params.get("status") not in (None, "open", "closed"):
        raise ApiError(400, _("status chỉ nhận open hoặc closed."))
    size = _page_size(params.get("page_size"))
    if ids := _limited(params.get("service_request_id", ""), "service_request_id", 2000):
        codes = [selectors.normalise_code(c) for c in ids.split(",")[:size]]
        rows = qs.filter(tracking_code__in=[c for c in codes if c])
        return _render(
            [_request_row(i) for i in rows], fmt=fmt, root="service_requests", item="request"
        )
    # GeoReport v2: the span defaults to 90 days — before end_date, or after a start_date sent
    # alone (capped at now), or the last 90 days when neither is sent.
    now = timezone.now()
    if "end_date" in params:
        end = _parse_date(params["end_date"], "end_date")
        start = (
            _parse_date(params["start_date"], "start_date")
            if "start_date" in params
            else end - MAX_RANGE
        )
    elif "start_date" in params:
        start = _parse_date(params["start_date"], "start_date")
        end = min(start + MAX_RANGE, max(now, start))
    else:
        end, start = now, now - MAX_RANGE
    if start > end:
        raise ApiError(400, _("start_date phải trước end_date."))
    if end - start > MAX_RANGE:
        # GeoReport v2 lets a server limit the span: the 90 days that end at end_date.
        start = end - MAX_RANGE
    qs = qs.filter(received_at__gte=start, received_at__lte=end)
    if code := params.get("service_code"):
        if not _SERVICE_CODE.match(_limited(code, "service_code", 40)):
            raise ApiError(400, _("service_code chỉ gồm chữ cái, chữ số, - và _."))
        qs = qs.filter(category__code=code)
    status = params.get("status")
    if status == "open":
        qs = qs.exclude(status__in=OPEN311_CLOSED)
    elif status == "closed":
        qs = qs.filter(status__in=OPEN311_CLOSED)
    elif status:
        raise ApiError(400, _("status chỉ nhận open hoặc closed."))
    rows = [_request_row(i) for i in qs.order_by("-received_at", "-pk")[:size]]
    return _render(rows, fmt=fmt, root="service_requests", item="request")


@_api("GET")
def request_detail(request, request_id: str, *, fmt):
    code = selectors.normalise_code(request_id)
    item = _public_requests().filter(tracking_code=code).first() if code else None
    if item is None:
        raise ApiError(404, _("Không tìm thấy yêu cầu này."))
    return _render([_request_row(item)], fmt=fmt, root="service_requests", item="request")


@_api("GET")
def token_detail(request, token: str, *, fmt):
    # Requests are filed synchronously: the token is the request id itself.
    code = selectors.normalise_code(token)
    if not code or not selectors.public_feedback().filter(tracking_code=code).exists():
        raise ApiError(404, _("Không tìm thấy token này."))
    return _render(
        [{"service_request_id": code, "token": code}],
        fmt=fmt,
        root="service_requests",
        item="request",
    )


def _decimal(raw: str | None, name: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ApiError(400, _("%(name)s không phải là số.") % {"name": name}) from None
    if not value.is_finite():
        raise ApiError(400, _("%(name)s không phải là số.") % {"name": name})
    return value


def _validation_text(exc: ValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for field, errors in exc.message_dict.items():
        try:
            label = str(Feedback._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:  # a non-field error
            label = ""
        parts.extend(f"{label}: {m}" if label else m for m in errors)
    return " ".join(parts)


def _location(data) -> tuple:
    """(commune or None, address text, latitude, longitude) of a POST.

    GeoReport v2 makes ``lat`` + ``long``, ``address_string`` or ``address_id`` each a
    sufficient location. ``attribute[commune]`` (ours, optional) or ``address_id`` naming a
    commune in force places the item at once; otherwise a point finds its commune from the
    loaded boundaries (in the service); an item still without one is filed for the lead
    department's triage, never refused. Only a request with no location at all, or a wrong
    ``attribute[commune]`` (a code the client chose from our own list), is refused.
    """
    latitude, longitude = _decimal(data.get("lat"), "lat"), _decimal(data.get("long"), "long")
    address = " ".join(data.get("address_string", "").split())
    address_id = data.get("address_id", "").strip()
    commune_code = data.get("attribute[commune]", "").strip()
    unit = selectors.commune_in_force(code=commune_code or address_id)
    if commune_code and unit is None:
        raise ApiError(400, _("Mã xã, phường (attribute[commune]) không đúng."))
    if unit is None and address_id:
        # An identifier from the client's own address book: kept with the address for triage.
        address = f"{address} ({address_id})".strip() if address else address_id
    if unit is None and latitude is None and not address:
        raise ApiError(400, _("Thiếu vị trí: gửi lat và long, address_string hoặc address_id."))
    return unit, address, latitude, longitude


# The longest value each POST field may carry: longer is refused, never cut.
FIELD_MAX = {
    "api_key": 200,
    "jurisdiction_id": 60,
    "service_code": 40,
    "description": DESCRIPTION_MAX,
    "lat": 40,
    "long": 40,
    "address_string": 255,
    "address_id": 16,
    "email": 254,
    "device_id": 100,
    "account_id": 100,
    "first_name": 60,
    "last_name": 60,
    "phone": 20,
    "media_url": 500,
    "idempotency_key": 100,
    "attribute[kind]": 40,
    "attribute[commune]": 16,
    "attribute[publish]": 5,
}
# Every parameter the Open311 description declares (a declared one sent twice is refused).
DECLARED_PARAMS = set(FIELD_MAX) | {
    "start_date",
    "end_date",
    "status",
    "service_request_id",
    "page_size",
}
_SERVICE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")  # as the description's CODE says
_KEY_CHARS = re.compile(r"^[\x21-\x7e]{1,100}$")
# Identical keyless posts of one client within this many seconds are one submission.
KEYLESS_WINDOW_SECONDS = 120


def _limited(value: str, name: str, limit: int) -> str:
    if len(value) > limit:
        raise ApiError(
            400,
            _("%(name)s dài quá %(max)s ký tự.")
            % {"name": name, "max": f"{limit:,}".replace(",", ".")},
        )
    return value


def _clean_fields(data) -> dict[str, str]:
    clean = {}
    for name, value in data.items():
        limit = FIELD_MAX.get(name, 255 if name.startswith("attribute[") else 100)
        clean[name] = normalize_text(_limited(value, name[:40], limit))
    return clean


def _create_request(request, *, fmt):
    if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise ApiError(400, _("Dữ liệu phải được gửi dạng application/x-www-form-urlencoded."))
    data = _clean_fields(request.POST)
    key = services.authenticate_api_key(raw=data.get("api_key", ""))
    if key is None:
        raise ApiError(403, _("Thiếu hoặc sai api_key."))
    if rate_limited(f"open311:key:{key.pk}", limit=settings.OPEN311_KEY_RATE_LIMIT, window=60):
        raise ApiError(429, _("Ứng dụng đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."))
    idem = (request.headers.get("Idempotency-Key") or data.get("idempotency_key") or "").strip()
    if idem and not _KEY_CHARS.match(idem):
        raise ApiError(400, _("idempotency_key chỉ gồm tối đa 100 ký tự ASCII in được."))
    payload = sorted((k, v) for k, v in data.items() if k not in ("api_key", "idempotency_key"))
    digest = payload_digest(*payload)
    if idem:
        once_key = f"open311:{key.pk}:idem:{idem}"
    else:
        # A client that sends no key: the same post again shortly after is the same request.
        once_key = f"open311:{key.pk}:post:{client_address(request)}:{digest}"
    try:
        code, _first = once(
            once_key,
            lambda: _file_request(data, key=key, idem=idem),
            digest=digest,
            seconds=24 * 3600 if idem else KEYLESS_WINDOW_SECONDS,
        )
    except OnceConflict:
        raise ApiError(
            422, _("idempotency_key này đã được dùng cho một yêu cầu có nội dung khác.")
        ) from None
    item = Feedback.objects.get(tracking_code=code)
    notice = _("Đã tiếp nhận. Hạn xử lý: %(date)s.") % {"date": item.deadline.strftime("%d/%m/%Y")}
    return _render(
        [{"service_request_id": item.tracking_code, "service_notice": notice, "account_id": None}],
        fmt=fmt,
        root="service_requests",
        item="request",
        status=201 if item.status == FeedbackStatus.RECEIVED else 200,
    )


def _file_request(data: dict[str, str], *, key, idem: str) -> str:
    category = selectors.active_category_index().by_code.get(data.get("service_code", ""))
    if category is None:
        raise ApiError(404 if data.get("service_code") else 400, _("Thiếu hoặc sai service_code."))
    description = data.get("description", "").strip()
    if not description:
        raise ApiError(400, _("Thiếu nội dung (description)."))
    if _TAG.search(description):
        raise ApiError(400, _("Nội dung không được chứa mã HTML."))
    unit, address, latitude, longitude = _location(data)
    kind = data.get("attribute[kind]") or FeedbackKind.FEEDBACK
    if kind not in FeedbackKind.values:
        raise ApiError(400, _("attribute[kind] không hợp lệ."))
    if data.get("attribute[publish]", "false") not in ("true", "false"):
        raise ApiError(400, _("attribute[publish] chỉ nhận true hoặc false."))
    media_url = data.get("media_url", "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise ApiError(400, _("media_url không hợp lệ.")) from None
    first, last = (clean_name(data.get(n, "")) for n in ("first_name", "last_name"))
    if _TAG.search(first + last):
        raise ApiError(400, _("Họ tên không được chứa mã HTML."))
    name = " ".join(p for p in (first, last) if p)
    email = data.get("email", "").strip()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            raise ApiError(400, _("email: Thư điện tử không hợp lệ.")) from None
    try:
        phone = validate_phone(data.get("phone", ""))
    except ValidationError:
        raise ApiError(400, _("phone: Số điện thoại không hợp lệ.")) from None
    contact = bool(name or email or phone)
    subject = clean_name(description.splitlines()[0])
    if len(subject) > 120:
        subject = subject[:119].rstrip() + "…"  # a summary line for the register, not the text
    try:
        item = services.submit_feedback(
            kind=kind,
            category=category,
            subject=subject,
            description=description,
            unit=unit,
            # The API carries no identity choice: contact details are kept confidential, and
            # the client app is responsible for having asked the citizen's consent.
            identity_mode=IdentityMode.CONFIDENTIAL if contact else IdentityMode.ANONYMOUS,
            reporter_name=name or (_("Người gửi qua ứng dụng") if contact else ""),
            reporter_email=email,
            reporter_phone=phone,
            consent_processing=contact,
            consent_publish=data.get("attribute[publish]") == "true",
            latitude=latitude,
            longitude=longitude,
            address=address,
            channel=Channel.OPEN311,
            media_url=media_url,
            api_key=key,
            idempotency_key=idem,
        )
    except ValidationError as exc:
        raise ApiError(400, _validation_text(exc)) from None
    return item.tracking_code


_STATUS_TEXT = {
    400: _lazy("Yêu cầu không hợp lệ."),
    403: _lazy("Không có quyền truy cập."),
    404: _lazy("Không tìm thấy."),
    405: _lazy("Phương thức không được hỗ trợ."),
    413: _lazy("Dữ liệu gửi lên quá lớn."),
    429: _lazy("Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."),
    503: _lazy("Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau."),
}


class Open311ErrorMiddleware:
    """Every answer under /open311/ is JSON or XML as the path asks: an HTML page that the stack
    produced before or after our views (an id the routes do not match, a NUL refused by
    core.middleware, a server error, the database down) becomes the spec's error list with the
    same status. Placed before every middleware that can answer on its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/open311/"):
            return self.get_response(request)
        try:
            response = self.get_response(request)
        except DatabaseError:
            logger.warning("open311 database unavailable path=%s", request.path_info[:200])
            return error_response(request, 503, str(_STATUS_TEXT[503]))
        content_type = response.get("Content-Type", "")
        if response.status_code < 400 or content_type.startswith(
            ("application/json", "text/xml", "application/xml")
        ):
            return response
        status = response.status_code
        if status >= 500:
            status = 503 if status == 503 else 500
        text = _STATUS_TEXT.get(status, _lazy("Lỗi máy chủ. Vui lòng thử lại sau."))
        converted = error_response(request, status, str(text))
        for header in ("Allow", "Retry-After"):
            if header in response:
                converted[header] = response[header]
        return converted
