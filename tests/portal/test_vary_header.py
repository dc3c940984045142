"""Issue 22 item 13: a cached page says ``Vary: Cookie`` once, on the miss and on the hit."""

import pytest

pytestmark = pytest.mark.django_db


def _vary(response) -> list[str]:
    return [part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()]


def test_cached_page_varies_on_cookie_once(client, make_news):
    page = make_news("Bài kiểm tra tiêu đề Vary")
    first = client.get(page.url)
    second = client.get(page.url)
    assert first.status_code == second.status_code == 200
    for response in (first, second):
        vary = _vary(response)
        assert vary.count("cookie") == 1, response.get("Vary")
        assert len(vary) == len(set(vary)), response.get("Vary")
