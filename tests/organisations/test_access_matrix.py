"""Runs every row of tests/access_matrix.py over HTTP."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from tests.access_matrix import ROWS, run_rows


@pytest.fixture
def matrix_world(world, portal, make_news):
    from wagtail.documents.models import Document

    world.page = make_news("Tin kiểm tra quyền truy cập")
    world.document = Document.objects.create(
        title="Văn bản kiểm tra quyền", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="kiem-tra.pdf")
    )
    return world


# The kinds tests/access_matrix.py itself declares, on this module's world. Every app's test
# module registers its own kinds into the same ROWS and runs them on its own world; which of them
# a test process has imported depends on the files it collected, so none may run here.
BASE_KINDS = {"unit", "organisation", "membership", "page", "document"}
ROLES = sorted({r.role for r in ROWS if r.kind in BASE_KINDS})


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(role, matrix_world):
    """Every row of one role (one world per role keeps the run short); all failures reported,
    each with the exact answer it expected."""
    client = Client()
    if role != "anonymous":
        client.force_login(matrix_world.users[role])
    rows = [r for r in ROWS if r.role == role and r.kind in BASE_KINDS]
    run_rows(rows, client=client, world=matrix_world)


def test_access_matrix_covers_every_kind_and_role():
    kinds = {r.kind for r in ROWS}
    assert BASE_KINDS <= kinds
    roles = {r.role for r in ROWS if r.kind in BASE_KINDS}
    assert {
        "province_admin",
        "district_officer",
        "commune_officer",
        "outsider",
        "anonymous",
    } <= roles
    assert len(ROWS) == len({(r.role, r.kind, r.scope, r.action) for r in ROWS})  # no duplicates
