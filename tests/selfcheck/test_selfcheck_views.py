"""The public self-check: questionnaire, result, errors, nothing stored, the contact request."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from giamngheo.organisations.models import ConsentRecord
from giamngheo.selfcheck.models import ContactRequest
from tests.selfcheck.sc_world import answers

URL = "/tu-danh-gia-ho-ngheo/"
CONTACT_URL = "/tu-danh-gia-ho-ngheo/lien-he/"


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def today(on_day, db):
    return on_day(date(2025, 11, 15))


@pytest.fixture
def no_fill_delay(settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    return settings


def test_urls():
    assert reverse("selfcheck:index") == URL
    assert reverse("selfcheck:contact") == CONTACT_URL


def test_questionnaire_lists_12_questions_in_6_dimensions(client, today):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="sc-dimension"') == 6
    assert html.count('class="sc-question"') == 12
    assert html.count('type="radio"') == 2 + 24
    assert "<legend>Nước sinh hoạt và vệ sinh</legend>" in html
    text = _text(response)
    assert "Trong hộ có người từ 6 tuổi trở lên chưa có thẻ bảo hiểm y tế không?" in text
    assert "Thông tin bạn nhập không được lưu lại." in text
    assert (
        "Kết quả chỉ mang tính tham khảo; việc xác định hộ nghèo, hộ cận nghèo do Ban chỉ đạo "
        "rà soát cấp xã quyết định" in text
    )
    # The income's hint is announced with the field.
    assert 'aria-describedby="id_income_helptext"' in html
    assert 'id="id_income_helptext"' in html
    # The questionnaire carries no per-visitor token, so anonymous visitors share a cached page.
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_questionnaire_is_served_from_page_cache(client, today, django_assert_num_queries):
    client.get(URL)
    with django_assert_num_queries(0):
        again = client.get(URL)
    assert again.status_code == 200


def test_rural_poor_result_page(client, today, portal):
    response = client.post(URL, answers(income="1.400.000", lacking=(1, 4, 7)))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = _text(response)
    assert "Theo thông tin bạn khai, hộ của bạn có thể thuộc diện hộ nghèo ." in text
    assert (
        "Thu nhập bình quân 1.400.000 đồng/người/tháng, không vượt chuẩn thu nhập 1.500.000 "
        "đồng của khu vực nông thôn." in text
    )
    assert "Hộ thiếu hụt 3 chỉ số dịch vụ xã hội cơ bản" in text
    html = response.content.decode()
    lacking = re.findall(r'<li value="(\d+)">\s*<strong>([^<]+)</strong>', html)
    assert lacking == [("1", "Việc làm"), ("4", "Bảo hiểm y tế"), ("7", "Chất lượng nhà ở")]
    assert f'href="{reverse("feedback:submit")}"' in html
    assert 'href="/van-ban/"' in html
    assert "Ban chỉ đạo rà soát cấp xã quyết định" in text
    assert ContactRequest.objects.count() == 0


def test_near_poor_at_line_with_two_lacking(client, today):
    response = client.post(URL, answers(income="1500000", lacking=(9, 10)))
    text = _text(response)
    assert "có thể thuộc diện hộ cận nghèo ." in text
    assert "Hộ thiếu hụt 2 chỉ số" in text


def test_urban_line_differs_from_rural(client, today):
    rural = _text(
        client.post(URL, answers(area="nong_thon", income="1.800.000", lacking=(1, 2, 3)))
    )
    urban = _text(
        client.post(URL, answers(area="thanh_thi", income="1.800.000", lacking=(1, 2, 3)))
    )
    assert "có thể thuộc diện hộ có mức sống trung bình ." in rural
    assert "cao hơn chuẩn thu nhập 1.500.000 đồng của khu vực nông thôn" in rural
    assert "có thể thuộc diện hộ nghèo ." in urban
    assert "không vượt chuẩn thu nhập 2.000.000 đồng của khu vực thành thị" in urban


def test_above_average_band(client, today):
    text = _text(client.post(URL, answers(area="thanh_thi", income="3.000.001", lacking=())))
    assert (
        "hộ của bạn không thuộc diện hộ nghèo, hộ cận nghèo hay hộ có mức sống trung bình" in text
    )


def test_policies_listed_for_the_class(client, today):
    from giamngheo.selfcheck.demo import load_demo_standards

    load_demo_standards()
    poor = _text(client.post(URL, answers(lacking=(1, 2, 3))))
    near = _text(client.post(URL, answers(lacking=(1,))))
    assert "Trợ giúp pháp lý miễn phí" in poor
    assert "Trợ giúp pháp lý miễn phí" not in near
    assert "Miễn, giảm học phí và hỗ trợ chi phí học tập" in near


@pytest.mark.parametrize(
    ("income", "message"),
    [
        ("-1.000.000", "Thu nhập không thể là số âm."),
        ("", "Vui lòng nhập thu nhập bình quân đầu người mỗi tháng."),
        ("một triệu", "Vui lòng nhập số tiền bằng chữ số, tính theo đồng, ví dụ 1.500.000."),
        ("1,5", "Vui lòng nhập số tiền bằng chữ số, tính theo đồng, ví dụ 1.500.000."),
        ("1.50.000", "Vui lòng nhập số tiền bằng chữ số, tính theo đồng, ví dụ 1.500.000."),
        (
            "99999999999",
            "Số tiền quá lớn so với thu nhập của một người trong một tháng; vui lòng kiểm tra lại.",
        ),
        ("9" * 40, "Số tiền quá dài; vui lòng kiểm tra lại."),
    ],
)
def test_bad_income_is_a_field_error(client, today, income, message):
    response = client.post(URL, answers(income=income))
    assert response.status_code == 400
    assert message in _text(response)
    assert "Chưa có kết quả. Vui lòng sửa các mục sau:" in _text(response)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("1 400 000", "1.400.000"), ("1,400,000", "1.400.000"), ("1400000 đồng", "1.400.000")],
)
def test_income_written_as_people_write_it(client, today, raw, shown):
    text = _text(client.post(URL, answers(income=raw)))
    assert f"Thu nhập bình quân {shown} đồng/người/tháng" in text


def test_unanswered_question_and_bad_area(client, today):
    data = answers()
    del data["i5"]
    data["area"] = "sao_hoa"
    response = client.post(URL, data)
    assert response.status_code == 400
    text = _text(response)
    assert "Vui lòng trả lời câu hỏi này." in text
    assert "Lựa chọn không hợp lệ" in text or "Hãy chọn" in text or "hợp lệ" in text


def test_no_standard_after_2026(client, on_day, db):
    on_day(date(2027, 1, 1))
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Chưa có chuẩn nghèo đa chiều được ban hành áp dụng cho ngày 01/01/2027" in _text(
        response
    )


def test_second_standard_is_used_from_2027(client, on_day, second_standard):
    on_day(date(2027, 3, 1))
    text = _text(client.post(URL, answers(income="2.000.000", lacking=(1, 2, 3))))
    assert "có thể thuộc diện hộ nghèo ." in text
    assert "không vượt chuẩn thu nhập 2.200.000 đồng của khu vực nông thôn" in text


def test_nothing_stored_without_a_request(client, today, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.post(URL, answers())  # the portal's identity settings are created on first use
    with CaptureQueriesContext(connection) as queries:
        client.post(URL, answers())
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []
    assert ContactRequest.objects.count() == 0


def _result_form_data(client, **kwargs):
    """The hidden fields and the started stamp of the contact form on a result page."""
    html = client.post(URL, answers(**kwargs)).content.decode()
    form = html[html.index('action="/tu-danh-gia-ho-ngheo/lien-he/"') :]
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    data.pop("csrfmiddlewaretoken", None)
    started = re.search(r'name="lh-started" value="([^"]+)"', form).group(1)
    return data, started


def test_contact_request_stored_with_consent(client, today, communes, no_fill_delay):
    data, started = _result_form_data(client)
    assert data["income"] == "1400000"
    response = client.post(
        CONTACT_URL,
        {
            **data,
            "lh-started": started,
            "lh-name": "Nguyễn Văn An",
            "lh-phone": "+84 912 345 678",
            "lh-commune": str(communes["tan_yen"].pk),
            "lh-note": "Gọi buổi chiều.",
            "lh-consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/tu-danh-gia-ho-ngheo/da-gui/"
    item = ContactRequest.objects.get()
    assert (item.name, item.phone, item.commune, item.note) == (
        "Nguyễn Văn An",
        "0912345678",
        communes["tan_yen"],
        "Gọi buổi chiều.",
    )
    assert (item.area, item.classification, item.lacking_codes) == (
        "nong_thon",
        "ho_ngheo",
        "1,4,7",
    )
    consent = ConsentRecord.objects.get()
    assert item.consent == consent
    assert consent.subject_key == "0912345678"
    assert consent.purpose_code == "selfcheck-contact"
    sent = client.get(response["Location"])
    assert "Đã gửi đề nghị liên hệ" in _text(sent)


def test_result_recomputed_on_server_not_trusted(client, today, communes, no_fill_delay):
    data, started = _result_form_data(client, lacking=())
    data["classification"] = "ho_ngheo"  # a forged field is ignored
    client.post(
        CONTACT_URL,
        {
            **data,
            "lh-started": started,
            "lh-name": "Trần Thị Bình",
            "lh-phone": "0987654321",
            "lh-commune": str(communes["lang_giang"].pk),
            "lh-consent": "on",
        },
    )
    assert ContactRequest.objects.get().classification == "ho_can_ngheo"


def test_contact_without_consent_is_refused(client, today, communes, no_fill_delay):
    data, started = _result_form_data(client)
    response = client.post(
        CONTACT_URL,
        {
            **data,
            "lh-started": started,
            "lh-name": "Nguyễn Văn An",
            "lh-phone": "0912345678",
            "lh-commune": str(communes["tan_yen"].pk),
        },
    )
    assert response.status_code == 400
    assert "Cần có sự đồng ý xử lý dữ liệu cá nhân để cán bộ liên hệ với bạn." in _text(response)
    assert ContactRequest.objects.count() == 0
    assert ConsentRecord.objects.count() == 0


def test_contact_bad_phone_and_commune(client, today, communes, no_fill_delay):
    data, started = _result_form_data(client)
    response = client.post(
        CONTACT_URL,
        {
            **data,
            "lh-started": started,
            "lh-name": "An",
            "lh-phone": "abc",
            "lh-commune": "999999",
            "lh-consent": "on",
        },
    )
    assert response.status_code == 400
    text = _text(response)
    assert "Số điện thoại không hợp lệ." in text
    assert "Xã, phường đã chọn không hợp lệ." in text
    assert ContactRequest.objects.count() == 0


def test_contact_honeypot_and_speed(client, today, communes, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 3
    data, started = _result_form_data(client)
    base = {
        **data,
        "lh-started": started,
        "lh-name": "An",
        "lh-phone": "0912345678",
        "lh-commune": str(communes["tan_yen"].pk),
        "lh-consent": "on",
    }
    fast = client.post(CONTACT_URL, base)
    assert fast.status_code == 400
    assert "Biểu mẫu được gửi quá nhanh" in _text(fast)
    trap = client.post(CONTACT_URL, {**base, "lh-website": "http://spam.example"})
    assert trap.status_code == 400
    forged = client.post(CONTACT_URL, {**base, "lh-started": "giả"})
    assert "Biểu mẫu không hợp lệ" in _text(forged)
    assert ContactRequest.objects.count() == 0


def test_contact_rate_limited(client, today, communes, no_fill_delay):
    no_fill_delay.FEEDBACK_RATE_LIMIT = 2
    data, started = _result_form_data(client)
    base = {
        **data,
        "lh-started": started,
        "lh-name": "An",
        "lh-phone": "0912345678",
        "lh-commune": str(communes["tan_yen"].pk),
        "lh-consent": "on",
    }
    codes = [client.post(CONTACT_URL, base).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    # One form, one single-use token: the repeat was answered with the first page, filed nothing.
    assert ContactRequest.objects.count() == 1


def test_contact_requires_csrf(today, communes, no_fill_delay):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    data = answers()
    response = strict.post(CONTACT_URL, {**data, "lh-name": "An"})
    assert response.status_code == 403
    # Computing a result needs no token: it changes nothing.
    assert strict.post(URL, data).status_code == 200


def test_contact_with_tampered_answers(client, today, communes, no_fill_delay):
    data, started = _result_form_data(client)
    data["income"] = "-5"
    response = client.post(
        CONTACT_URL,
        {**data, "lh-started": started, "lh-name": "An", "lh-phone": "0912345678"},
    )
    assert response.status_code == 400
    assert "Câu trả lời tự đánh giá không đầy đủ." in _text(response)


def test_methods(client, today):
    assert client.get(CONTACT_URL).status_code == 405
    assert client.head(URL).status_code == 200
    assert client.put(URL).status_code == 405
    assert client.post("/tu-danh-gia-ho-ngheo/da-gui/").status_code == 405


def _policies(n, page=None):
    from giamngheo.selfcheck.models import SupportPolicy

    for i in range(n):
        SupportPolicy.objects.create(
            title=f"Chính sách {i}", description="Mô tả.", for_poor=True, page=page
        )


@pytest.mark.parametrize("n", [1, 3])
def test_result_query_count_constant(client, today, portal, communes, n, django_assert_num_queries):
    _policies(n, page=portal["policies"])
    client.post(URL, answers())  # warm Wagtail's site-root cache
    # The contact form's communes: today's, and the former ones a reform merged (none here).
    with django_assert_num_queries(9):
        response = client.post(URL, answers())
    assert response.content.decode().count('<a href="/van-ban/"><strong>Chính sách ') == n


@pytest.mark.parametrize("n", [1, 3])
def test_questionnaire_query_count_constant(client, today, portal, n, django_assert_num_queries):
    _policies(n)
    client.cookies["sessionid"] = "x"  # bypass the page cache
    client.get(URL)
    with django_assert_num_queries(4):
        client.get(URL)
