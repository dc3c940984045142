"""Issue 22: the one body-text rule, the one phone rule, shared rate limits and single-use
submissions (core.text, core.forms, core.antiabuse)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from giamngheo.core.antiabuse import OnceConflict, hit, once, rate_limited
from giamngheo.core.forms import PhoneField
from giamngheo.core.models import RateCount, SubmissionOnce
from giamngheo.core.text import normalize_text, validate_phone


def test_body_text_drops_bidi_and_zero_width_keeps_emoji_joiner():
    raw = "Gi\u200bảm\u202e ngh\ufeffèo\u200d \u2066x\u2069 \u200e\u200fy\u2060"
    assert normalize_text(raw) == "Giảm nghèo x y"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalize_text(f"Nhà {family}") == f"Nhà {family}"


@pytest.mark.parametrize("raw", ["0912 345 678", "+84 912 345 678", "0912.345.678"])
def test_one_phone_rule_gives_the_national_form(raw):
    assert validate_phone(raw) == "0912345678"
    assert PhoneField(required=False).clean(raw) == "0912345678"


@pytest.mark.parametrize("raw", ["<script>alert(1)</script>", "12", "0012345678", "9" * 40])
def test_one_phone_rule_refuses_the_rest(raw):
    with pytest.raises(ValidationError) as exc:
        validate_phone(raw)
    assert exc.value.messages == ["Số điện thoại không hợp lệ."]
    with pytest.raises(ValidationError):
        PhoneField(required=False).clean(raw)


def test_rate_limit_lives_in_the_database_not_the_process_cache(db):
    counts = []
    for _ in range(4):
        counts.append(rate_limited("t:1.2.3.4", limit=2, window=3600))
        cache.clear()  # another worker: its own local-memory cache
    assert counts == [False, False, True, True]
    assert RateCount.objects.get(key__startswith="t:1.2.3.4@3600:").count == 4


def test_rate_windows_are_fixed_and_old_ones_swept(db):
    assert hit("w", window=60, now=1_000_000) == 1
    assert hit("w", window=60, now=1_000_001) == 2
    assert hit("w", window=60, now=1_000_000 + 120) == 1  # a new window; the old one expired
    assert RateCount.objects.filter(key__startswith="w@60:").count() == 1


def test_once_answers_the_first_result_and_refuses_a_changed_payload(db):
    made = []

    def make():
        made.append(1)
        return f"answer-{len(made)}"

    assert once("k1", make, digest="a") == ("answer-1", True)
    assert once("k1", make, digest="a") == ("answer-1", False)
    with pytest.raises(OnceConflict):
        once("k1", make, digest="b")
    assert made == [1]
    assert SubmissionOnce.objects.filter(key="k1").count() == 1


def test_once_records_nothing_when_the_submission_fails(db):
    def fail():
        raise ValidationError("sai")

    with pytest.raises(ValidationError):
        once("k2", fail)
    assert not SubmissionOnce.objects.filter(key="k2").exists()
    assert once("k2", lambda: "ok") == ("ok", True)


def test_invalid_utf8_in_a_form_body_is_a_400(client, db):
    for body in ("subject=%C0%AF%FF&description=x", "subject=ok&description=%FFabc"):
        response = client.post(
            "/phan-anh/gui/", body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400
        assert "ký tự không hợp lệ" in response.content.decode()
    assert client.get("/tim-kiem/?q=%C0%AF").status_code == 400
    ok = client.post(
        "/phan-anh/gui/", "subject=Gi%E1%BA%A3m", content_type="application/x-www-form-urlencoded"
    )
    assert ok.status_code != 400 or "ký tự không hợp lệ" not in ok.content.decode()


def test_an_oversize_request_logs_one_line_without_traceback(client, db, settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    with caplog.at_level("INFO"):
        response = client.post("/phan-anh/gui/", {"description": "x" * 5_000})
    assert response.status_code == 413
    refused = [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
    assert len(refused) == 1, [r.getMessage() for r in refused]
    assert refused[0].exc_info is None
    assert refused[0].getMessage().startswith("request refused reason=RequestDataTooBig")
