"""Shared fixtures: a published portal tree and the fixed cast of users."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Page

from tests.browser import CHROMIUM
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_createdb):
    """One migrated template per migration state, copied for each process (tests/testdb.py)
    instead of pytest-django's migrate-per-worker; ``--create-db`` rebuilds the template."""
    from tests.testdb import TemplateDatabase

    with django_db_blocker.unblock():
        database = TemplateDatabase(rebuild=django_db_createdb)
        database.setup(verbosity=request.config.option.verbose)
    yield database
    with django_db_blocker.unblock():
        database.teardown()


def _die_with_parent() -> None:
    """In the converter's process: SIGTERM when pytest ends, even killed (Linux prctl
    PR_SET_PDEATHSIG), so no LibreOffice outlives a run stopped by a timeout."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


def _two_free_ports() -> int:
    """A port whose next port is free too (the converter takes both)."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports")


@pytest.fixture(scope="session", autouse=True)
def _pdf_converter(tmp_path_factory):
    """Each test process converts PDFs as the app does: through a LibreOffice kept running
    (``manage.py pdf_server``, the ``pdf`` process of the Procfile), started here in the
    background. Until it answers, a conversion starts LibreOffice itself — the fallback the app
    has too (both paths are tested in tests/core/test_pdf_server.py). ``TEST_PDF_SERVER=0`` or a
    machine without python3-uno keeps the fallback only."""
    from django.conf import settings

    from giamngheo.core.documents import pdf

    if os.environ.get("TEST_PDF_SERVER") == "0" or not (pdf.uno_python() and pdf.soffice_path()):
        yield
        return
    port = _two_free_ports()
    workdir = tmp_path_factory.mktemp("pdf-server")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "pdf_server"],
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "GIAMNGHEO_VAR_DIR": str(workdir), "PDF_SERVER": f"127.0.0.1:{port}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )
    settings.PDF_SERVER = f"127.0.0.1:{port}"
    yield
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session", autouse=True)
def _no_leftover_generation_file():
    """Each test process has its own page-cache generation file (settings.test); it goes when
    the process ends instead of piling up in var/."""
    yield
    from django.conf import settings

    Path(settings.PAGE_CACHE_GENERATION_FILE).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _vietnamese():
    """Each test starts in Vietnamese: a test that switched to English must not leak into the next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache and no memoised reference data: rows of an earlier
    test were rolled back without a save signal to purge them."""
    from giamngheo.core.cache import clear_memo

    cache.clear()
    clear_memo()
    yield
    cache.clear()
    clear_memo()


@pytest.fixture
def portal(db):
    """Home, news index and policy index, published; the home is the default site's root."""
    from giamngheo.portal.models import HomePage, NewsIndexPage, PolicyIndexPage
    from giamngheo.portal.services import create_page, ensure_site_root

    root = Page.get_first_root_node()
    home = create_page(parent=root, page=HomePage(title="Cổng giảm nghèo", slug="trang-chu"))
    ensure_site_root(home=home)
    news = create_page(
        parent=home, page=NewsIndexPage(title="Tin tức", slug="tin-tuc", show_in_menus=True)
    )
    policies = create_page(
        parent=home, page=PolicyIndexPage(title="Văn bản", slug="van-ban", show_in_menus=True)
    )
    return {"home": home, "news": news, "policies": policies}


@pytest.fixture
def make_news(portal):
    from datetime import date

    from giamngheo.portal.models import NewsPage
    from giamngheo.portal.services import create_page

    def _make(
        title: str,
        body: str = "<p>Nội dung.</p>",
        *,
        topic: str = "1.1",
        day: date = date(2023, 5, 10),
        intro: str = "Tóm tắt.",
        publish: bool = True,
    ):
        page = NewsPage(
            title=title,
            slug=None or f"bai-{NewsPage.objects.count() + 1}",
            topic=topic,
            intro=intro,
            body=body,
            date=day,
        )
        return create_page(parent=portal["news"], page=page, publish=publish, published_on=day)

    return _make


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", password="Editor-pass-2023!")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def approver(db):
    user = UserFactory(username="approver", password="Approver-pass-2023!")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def browser():
    """Per test: Playwright's sync API keeps an event loop running in this thread, which would
    hide the database restore of the next transactional test from Django's connections."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # under one unless told. Only for the duration of a browser test.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser):
    contexts = []

    def _new(**kwargs):
        context = browser.new_context(locale="vi-VN", **kwargs)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _new
    for context in contexts:
        context.close()


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrations' data (Wagtail's root page, groups …).

    A flush after a transactional test without serialized rollback re-creates content types
    through post_migrate, and the next test that does restore would then collide with them:
    either all such tests restore, or none can.
    """
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None:
            continue
        marker = item.get_closest_marker("django_db")
        transactional = (
            "live_server" in names
            or "transactional_db" in names
            or (marker is not None and marker.kwargs.get("transaction"))
        )
        if transactional and "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")
