"""Demo results: sample poverty review figures 2021–2025 for the communes of Bắc Giang as they
were in 2023, and the results page. Every row and the page are labelled as sample figures; none
is presented as official. Deterministic, so re-running changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date

from giamngheo.core.demo import DemoLoad
from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import AdministrativeUnit
from giamngheo.planning.selectors import plan_of_year
from giamngheo.portal.models import HomePage
from giamngheo.portal.services import create_page

from .models import SAMPLE_LABEL, PovertyReview, ResultsIndexPage
from .services import ReviewInput, save_poverty_reviews

YEARS = range(2021, 2026)
SAMPLE_ORGANISATION = "Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang (số liệu mẫu)"
# Upland districts start higher in the sample, as they do in every province of the north.
UPLAND = ("Sơn Động", "Lục Ngạn", "Lục Nam", "Yên Thế")


def _draw(key: str, low: float, high: float) -> float:
    digest = hashlib.sha256(key.encode()).digest()
    return low + (high - low) * int.from_bytes(digest[:4], "big") / 0xFFFFFFFF


def sample_reviews(*, communes: list[AdministrativeUnit]) -> list[ReviewInput]:
    reviews = []
    for commune in communes:
        district = commune.parent.name if commune.parent else ""
        upland = any(name in district for name in UPLAND)
        households = int(_draw(f"{commune.code}:hh", 1200, 4500))
        poor_rate = (
            _draw(f"{commune.code}:poor", 0.10, 0.24)
            if upland
            else _draw(f"{commune.code}:poor", 0.02, 0.07)
        )
        near_ratio = _draw(f"{commune.code}:near", 0.9, 1.6)
        decline = _draw(f"{commune.code}:decline", 0.12, 0.25)
        previous_poor = None
        for year in YEARS:
            total = int(households * (1 + 0.012 * (year - YEARS[0])))
            rate = poor_rate * (1 - decline) ** (year - YEARS[0])
            poor = round(total * rate)
            near_poor = min(round(poor * near_ratio), total - poor)
            newly = round(poor * _draw(f"{commune.code}:{year}:new", 0.03, 0.10))
            escaped = (
                max(previous_poor - poor + newly, 0)
                if previous_poor is not None
                else round(poor * 0.2)
            )
            reviews.append(
                ReviewInput(
                    unit=commune,
                    year=year,
                    total_households=total,
                    poor=poor,
                    near_poor=near_poor,
                    escaped=escaped,
                    newly_poor=newly,
                    source=str(SAMPLE_LABEL),
                    source_organisation=SAMPLE_ORGANISATION,
                    as_of=date(year, 12, 31),
                    is_sample=True,
                )
            )
            previous_poor = poor
    return reviews


def _ensure_page(province: AdministrativeUnit, stdout=None) -> ResultsIndexPage | None:
    page = ResultsIndexPage.objects.first()
    if page is not None:
        return page
    home = HomePage.objects.first()
    if home is None:
        return None
    plan = plan_of_year(year=2023)
    page = create_page(
        parent=home,
        page=ResultsIndexPage(
            title="Kết quả thực hiện chương trình",
            slug="ket-qua",
            show_in_menus=True,
            is_sample=True,
            unit=province,
            plan=plan,
            intro=(
                "<p>Tỷ lệ hộ nghèo, hộ cận nghèo qua các năm, kết quả thực hiện kế hoạch "
                "truyền thông và việc trả lời phản ánh, kiến nghị của người dân. "
                f"<strong>{SAMPLE_LABEL}.</strong></p>"
            ),
        ),
    )
    if stdout:
        stdout.write(f"Trang kết quả: {page.url}")
    return page


def load_demo_results(*, stdout=None) -> None:
    """Nạp số liệu rà soát hộ nghèo mẫu (2021–2025, các xã của tỉnh Bắc Giang năm 2023)."""
    province = AdministrativeUnit.objects.filter(source_key="legacy:tinhbacgiang").first()
    if province is None:
        if stdout:
            stdout.write("Chưa có đơn vị hành chính tỉnh Bắc Giang: bỏ qua số liệu kết quả mẫu.")
        return
    communes = list(
        AdministrativeUnit.objects.filter(
            path__startswith=province.path, level=UnitLevel.COMMUNE
        ).select_related("parent")
    )
    existing = PovertyReview.objects.filter(unit__in=communes, is_sample=True).count()
    if existing < len(communes) * len(YEARS):
        result = save_poverty_reviews(reviews=sample_reviews(communes=communes))
        if stdout:
            stdout.write(
                f"Số liệu rà soát hộ nghèo mẫu: {result.created} dòng mới, "
                f"{result.updated} dòng cập nhật."
            )
    _ensure_page(province, stdout=stdout)


# The results page hangs under the portal's home page; its figures cite the 2023 plan.
DEMO_NEEDS = ("organisations", "planning", "portal")


def load_demo(*, stdout=None, with_users: bool = False) -> DemoLoad:
    load_demo_results(stdout=stdout)
    return DemoLoad()
