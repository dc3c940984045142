"""Writes for the portal: creating and publishing pages, setting up the site tree."""

from __future__ import annotations

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site


@transaction.atomic
def create_page(*, parent: Page, page: Page, user=None, publish: bool = True, published_on=None):
    """Add ``page`` under ``parent`` (validated by Wagtail's full_clean) and optionally publish.

    ``published_on`` (a date) backdates the first publication, for content imported from
    before the portal existed; it drives the search date filter and the feeds.
    """
    if published_on is not None:
        page.first_published_at = timezone.make_aware(datetime.combine(published_on, time(8, 0)))
    if not publish:
        page.live = False  # Page.live defaults to True: a draft must not appear on the site.
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


@transaction.atomic
def ensure_site_root(*, home: Page, hostname: str = "localhost", port: int = 80) -> Site:
    """Make ``home`` the default site's root (replacing Wagtail's welcome page)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=home.title,
        )
    old_root = site.root_page
    site.root_page = home
    site.site_name = home.title
    site.save()
    if old_root.pk != home.pk and old_root.specific_class is Page and old_root.depth == 2:
        old_root.delete()
    return site
