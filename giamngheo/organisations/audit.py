"""The access log of personal data: every read of a household's, reporter's or trainee's details
goes through ``log_personal_data_access``. Changes to records are audited by Wagtail's own log
(``wagtail.log_actions``) and revisions, which every service here writes."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .enums import AccessPurpose
from .models import PersonalDataAccess


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_personal_data_access(
    *,
    user,
    subject: models.Model | Iterable[models.Model],
    purpose: AccessPurpose | str,
    detail: str = "",
    request=None,
) -> list[PersonalDataAccess]:
    """Record that ``user`` read the personal data in ``subject`` (one record or many, e.g. the
    rows of a list or an export) for ``purpose``. One INSERT whatever the number of records.

    Call it where the data is *shown or exported*, not where it is queried: a list that only
    counts households reads no personal data.
    """
    if purpose not in AccessPurpose.values:
        raise ValueError(f"Unknown purpose: {purpose!r}")
    subjects = [subject] if isinstance(subject, models.Model) else list(subject)
    if not subjects:
        return []
    content_types = ContentType.objects.get_for_models(*{type(s) for s in subjects})
    entries = [
        PersonalDataAccess(
            actor=user if user is not None and user.is_authenticated else None,
            actor_username=getattr(user, "username", "") or "",
            content_type=content_types[type(s)],
            object_id=str(s.pk),
            purpose=purpose,
            detail=detail[:255],
            ip_address=_client_ip(request),
        )
        for s in subjects
    ]
    return PersonalDataAccess.objects.bulk_create(entries)


def personal_data_reads_of(*, subject: models.Model):
    """Who read this record, newest first (for the data subject's right to know)."""
    return PersonalDataAccess.objects.filter(
        content_type=ContentType.objects.get_for_model(type(subject)), object_id=str(subject.pk)
    )
