"""Open311 GeoReport v2 at /open311/v2/: services, service definitions, requests (GET and
POST), one request, tokens. JSON and XML by suffix; errors as the spec's list of
``{code, description}``. GET responses carry no contact data; ``media_url`` is stored as a
link and never fetched. ``service_request_id`` is the tracking code citizens already know.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree as ET

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import selectors, services
from .enums import OPEN311_CLOSED, Channel, FeedbackKind, FeedbackStatus, IdentityMode
from .models import DESCRIPTION_MAX, Feedback

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
                return view(request, *args, fmt=fmt, **kwargs)
            except ApiError as exc:
                return _error(fmt, exc.status, exc.description)

        wrapper.__name__ = view.__name__
        return csrf_exempt(wrapper)

    return decorate


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
    category = selectors.active_categories().filter(code=code[:40]).first()
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
    size = _page_size(params.get("page_size"))
    if ids := params.get("service_request_id"):
        codes = [selectors.normalise_code(c) for c in ids.split(",")[:size]]
        rows = qs.filter(tracking_code__in=[c for c in codes if c])
        return _render(
            [_request_row(i) for i in rows], fmt=fmt, root="service_requests", item="request"
        )
    end = _parse_date(params["end_date"], "end_date") if params.get("end_date") else timezone.now()
    start = (
        _parse_date(params["start_date"], "start_date")
        if params.get("start_date")
        else end - MAX_RANGE
    )
    if start > end:
        raise ApiError(400, _("start_date phải trước end_date."))
    if end - start > MAX_RANGE:
        raise ApiError(400, _("Khoảng thời gian tra cứu tối đa 90 ngày."))
    qs = qs.filter(received_at__gte=start, received_at__lte=end)
    if code := params.get("service_code"):
        qs = qs.filter(category__code=code[:40])
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
    address = " ".join(data.get("address_string", "").split())[:255]
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


def _create_request(request, *, fmt):
    if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raise ApiError(400, _("Dữ liệu phải được gửi dạng application/x-www-form-urlencoded."))
    data = request.POST
    key = services.authenticate_api_key(raw=data.get("api_key", ""))
    if key is None:
        raise ApiError(403, _("Thiếu hoặc sai api_key."))
    category = selectors.active_category_index().by_code.get(data.get("service_code", ""))
    if category is None:
        raise ApiError(404 if data.get("service_code") else 400, _("Thiếu hoặc sai service_code."))
    description = data.get("description", "").strip()
    if not description:
        raise ApiError(400, _("Thiếu nội dung (description)."))
    if len(description) > DESCRIPTION_MAX:
        raise ApiError(400, _("Nội dung tối đa 4.000 ký tự."))
    if _TAG.search(description):
        raise ApiError(400, _("Nội dung không được chứa mã HTML."))
    unit, address, latitude, longitude = _location(data)
    kind = data.get("attribute[kind]") or FeedbackKind.FEEDBACK
    if kind not in FeedbackKind.values:
        raise ApiError(400, _("attribute[kind] không hợp lệ."))
    media_url = data.get("media_url", "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise ApiError(400, _("media_url không hợp lệ.")) from None
    name = " ".join(p for p in (data.get("first_name", ""), data.get("last_name", "")) if p)
    email, phone = data.get("email", "").strip(), data.get("phone", "").strip()
    contact = bool(name or email or phone)
    idem = (request.headers.get("Idempotency-Key") or data.get("idempotency_key") or "")[:100]
    subject = description.splitlines()[0][:120]
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
            reporter_name=name[:120] or (_("Người gửi qua ứng dụng") if contact else ""),
            reporter_email=email[:254],
            reporter_phone=phone[:20],
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
    notice = _("Đã tiếp nhận. Hạn xử lý: %(date)s.") % {"date": item.deadline.strftime("%d/%m/%Y")}
    return _render(
        [{"service_request_id": item.tracking_code, "service_notice": notice, "account_id": None}],
        fmt=fmt,
        root="service_requests",
        item="request",
        status=201 if item.status == FeedbackStatus.RECEIVED else 200,
    )
