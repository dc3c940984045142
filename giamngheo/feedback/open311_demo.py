"""The Open311 key of development and demo sites.

``ensure_demo_api_key()`` creates, once, the API key ``DEMO_API_KEY`` for the client named
``DEMO_KEY_NAME`` and returns it so that ``make run`` can print it. It is fixed and written here
on purpose (a developer can try ``POST /open311/v2/requests.json`` right away), so it exists only
where ``DEMO_USERS_ENABLED`` is on — never in production, where it returns None and creates
nothing. Like every key, only its sha256 is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from .models import ApiKey
from .selectors import hash_token

DEMO_KEY_NAME = "Ứng dụng trình diễn (chỉ dùng khi phát triển)"
DEMO_API_KEY = "gn_demo_open311_chi_dung_khi_phat_trien"


@transaction.atomic
def ensure_demo_api_key() -> str | None:
    if not getattr(settings, "DEMO_USERS_ENABLED", False):
        return None
    digest = hash_token(DEMO_API_KEY)
    key = ApiKey.objects.filter(key_hash=digest).first()
    if key is None:
        key = ApiKey(name=DEMO_KEY_NAME, prefix=DEMO_API_KEY[:8], key_hash=digest)
        key.full_clean()
        key.save()
    elif not key.is_active:
        # Someone switched the demo key off: respect that, print nothing.
        return None
    return DEMO_API_KEY
