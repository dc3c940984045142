"""Demo results: 2021–2025 sample figures on Bắc Giang's 2023 communes, every row and the page
labelled as sample; re-running changes nothing."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from giamngheo.organisations.demo import load_demo_organisations
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.planning.demo import load_demo_plan
from giamngheo.portal.demo import load_portal_demo
from giamngheo.results.demo import load_demo_results
from giamngheo.results.models import PovertyReview, ResultsIndexPage

pytestmark = pytest.mark.django_db


def test_demo_is_labelled_sample_idempotent_and_served():
    out = io.StringIO()
    load_portal_demo(stdout=out)
    load_demo_organisations(stdout=out, with_users=False)
    load_demo_plan(stdout=out)
    load_demo_results(stdout=out)
    province = AdministrativeUnit.objects.get(source_key="legacy:tinhbacgiang")
    communes = AdministrativeUnit.objects.filter(path__startswith=province.path, level="commune")
    assert PovertyReview.objects.count() == communes.count() * 5
    assert set(PovertyReview.objects.values_list("year", flat=True)) == {
        2021,
        2022,
        2023,
        2024,
        2025,
    }
    assert set(PovertyReview.objects.values_list("is_sample", "source")) == {
        (True, "Số liệu mẫu minh họa, không phải số liệu chính thức")
    }
    assert not PovertyReview.objects.filter(unit__valid_to__lt="2021-01-01").exists()
    page = ResultsIndexPage.objects.get()
    assert (page.is_sample, page.unit_id, page.live) == (True, province.pk, True)
    assert page.plan is not None and page.plan.year == 2023

    before = list(PovertyReview.objects.order_by("pk").values_list("pk", "poor", "updated_at"))
    load_demo_results(stdout=io.StringIO())
    assert list(PovertyReview.objects.order_by("pk").values_list("pk", "poor", "updated_at")) == (
        before
    )
    assert ResultsIndexPage.objects.count() == 1

    html = Client().get(page.url).content.decode()
    assert "Số liệu mẫu minh họa, không phải số liệu chính thức" in html
    assert "Nội dung mẫu" in html
    district = AdministrativeUnit.objects.get(parent=province, name="Huyện Lục Ngạn")
    response = Client().get(page.url + "don-vi/", {"nam": 2023, "don-vi": district.pk})
    assert response.status_code == 200
    assert "Huyện Lục Ngạn" in response.content.decode()
