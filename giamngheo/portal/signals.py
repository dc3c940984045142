"""Purge the anonymous page cache whenever what the public sees may have changed.

A publish changes the home page, the lists, the feeds and the sitemap at once, so the purge is
global (core.cache). Wagtail fires these signals for the admin, the API and management commands
alike, which is why they are used here rather than admin hooks.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks.signals import task_finished
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from giamngheo.core.cache import purge_on_change, purge_page_cache
from giamngheo.core.models import SiteIdentity

from .models import FooterLinks


def _purge(**kwargs):
    # Now, and again once the publish has committed: a worker that rendered the page from the
    # rows as they were before the commit must not keep that page under the new generation.
    purge_page_cache()
    transaction.on_commit(purge_page_cache)


page_published.connect(_purge, dispatch_uid="portal-purge-published")
page_unpublished.connect(_purge, dispatch_uid="portal-purge-unpublished")
post_page_move.connect(_purge, dispatch_uid="portal-purge-moved")
post_delete.connect(_purge, sender=Page, dispatch_uid="portal-purge-deleted")


# Wagtail writes a published page into the search index in a background task, after the publish
# purge: a search answered in between (and cached) would miss the page until the next purge.
INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


def _purge_after_indexing(sender, task_result, **kwargs):
    if task_result.task.module_path != INDEX_TASK or len(task_result.args) < 2:
        return
    try:
        model = apps.get_model(task_result.args[0], task_result.args[1])
    except LookupError:
        return
    if issubclass(model, Page):
        purge_page_cache()


task_finished.connect(_purge_after_indexing, dispatch_uid="portal-purge-indexed")
# Whether any view restriction exists is memoised (portal.models.visible).
purge_on_change(PageViewRestriction)


def _purge_on_edit(sender, created=False, **kwargs):
    # Every page's header and footer show the site identity and the footer's notices: an edit of
    # either is seen at once. Not on creation: the first page rendered creates both rows with
    # their defaults (``for_site``), which changes nothing shown, and must not purge the page
    # it is about to cache.
    if not created:
        _purge()


for _model in (SiteIdentity, FooterLinks):
    post_save.connect(_purge_on_edit, sender=_model, dispatch_uid=f"portal-purge-{_model.__name__}")
    post_delete.connect(_purge, sender=_model, dispatch_uid=f"portal-purge-del-{_model.__name__}")
