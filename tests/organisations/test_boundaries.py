"""Commune boundaries: the all-or-nothing import and the commune found from a point."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from giamngheo.organisations.enums import UnitLevel
from giamngheo.organisations.models import UnitBoundary
from giamngheo.organisations.selectors import commune_at
from giamngheo.organisations.services import import_boundaries
from tests.factories import REFORM_DAY, UnitFactory

pytestmark = pytest.mark.django_db
SOURCE = "OpenStreetMap, ranh giới hành chính cấp xã (trích xuất 01/11/2026)"
LICENCE = "ODbL 1.0"


def square(west: float, south: float, size: float = 0.05) -> dict:
    ring = [
        [west, south],
        [west + size, south],
        [west + size, south + size],
        [west, south + size],
        [west, south],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"ma_xa": code}, "geometry": geometry}


@pytest.fixture
def communes():
    province = UnitFactory(code="24", name="Tỉnh Bắc Giang", level=UnitLevel.PROVINCE)
    tan_soi = UnitFactory(code="07246", name="Xã Tân Sỏi", parent=province)
    dong_lac = UnitFactory(code="07249", name="Xã Đồng Lạc", parent=province)
    return {"province": province, "tan_soi": tan_soi, "dong_lac": dong_lac}


def test_import_then_a_point_names_its_commune(communes):
    written = import_boundaries(
        features=[
            feature("07246", square(106.10, 21.40)),
            feature("07249", square(106.15, 21.40)),
        ],
        code_property="ma_xa",
        source=SOURCE,
        licence=LICENCE,
    )
    assert written == 2
    row = UnitBoundary.objects.get(unit=communes["tan_soi"])
    assert (row.source, row.licence) == (SOURCE, LICENCE)
    assert commune_at(latitude=21.42, longitude=106.12) == communes["tan_soi"]
    assert commune_at(latitude="21.42", longitude="106.17") == communes["dong_lac"]
    assert commune_at(latitude=21.60, longitude=106.12) is None  # outside every loaded commune


def test_no_boundary_data_finds_no_commune(communes, django_assert_num_queries):
    assert commune_at(latitude=21.42, longitude=106.12) is None
    with django_assert_num_queries(0):  # memoised: a submission's lookup costs no query
        assert commune_at(latitude=21.42, longitude=106.12) is None


def test_a_closed_commune_is_not_found_after_its_last_day(communes):
    closed = UnitFactory(
        code="07300", name="Xã Cũ", parent=communes["province"], valid_to=date(2025, 6, 30)
    )
    import_boundaries(
        features=[feature("07300", square(106.30, 21.40))],
        code_property="ma_xa",
        source=SOURCE,
        licence=LICENCE,
        on=date(2024, 1, 1),
    )
    point = {"latitude": 21.42, "longitude": 106.32}
    assert commune_at(**point, on=date(2025, 6, 30)) == closed
    assert commune_at(**point, on=REFORM_DAY) is None


def test_a_bad_file_lists_every_problem_and_writes_nothing(communes):
    with pytest.raises(ValidationError) as caught:
        import_boundaries(
            features=[
                feature("07246", square(106.10, 21.40)),
                feature("99999", square(106.20, 21.40)),
                feature("07246", square(106.10, 21.40)),
                feature("07249", {"type": "Point", "coordinates": [106.1, 21.4]}),
                {"type": "Feature", "properties": {}, "geometry": square(106.1, 21.4)},
            ],
            code_property="ma_xa",
            source=SOURCE,
            licence=LICENCE,
        )
    assert caught.value.messages == [
        "Đối tượng 2 (mã 99999): không có xã, phường đang có hiệu lực với mã này.",
        "Đối tượng 3 (mã 07246): mã bị lặp trong tệp.",
        "Đối tượng 4 (mã 07249): ranh giới phải là Polygon hoặc MultiPolygon.",
        "Đối tượng 5 (mã —): không có xã, phường đang có hiệu lực với mã này.",
    ]
    assert UnitBoundary.objects.count() == 0


def test_projected_or_swapped_coordinates_are_refused(communes):
    with pytest.raises(ValidationError) as caught:
        import_boundaries(
            features=[
                feature("07246", square(21.40, 106.10)),  # latitude and longitude swapped
                feature("07249", square(587000, 2365000, size=500)),  # VN-2000 metres
            ],
            code_property="ma_xa",
            source=SOURCE,
            licence=LICENCE,
        )
    assert caught.value.messages == [
        "Đối tượng 1 (mã 07246): tọa độ nằm ngoài Việt Nam (cần kinh độ, vĩ độ WGS 84).",
        "Đối tượng 2 (mã 07249): tọa độ nằm ngoài Việt Nam (cần kinh độ, vĩ độ WGS 84).",
    ]


def test_source_and_licence_are_required(communes):
    with pytest.raises(ValidationError) as caught:
        import_boundaries(
            features=[feature("07246", square(106.10, 21.40))],
            code_property="ma_xa",
            source=" ",
            licence="",
        )
    assert caught.value.messages == ["Cần ghi rõ nguồn dữ liệu và giấy phép của dữ liệu ranh giới."]


def test_command_imports_a_geojson_file(communes, tmp_path):
    path = tmp_path / "xa.geojson"
    path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": [feature("07246", square(106.1, 21.4))]}
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command(
        "import_boundaries",
        str(path),
        "--code-property",
        "ma_xa",
        "--source",
        SOURCE,
        "--licence",
        LICENCE,
        stdout=out,
    )
    assert out.getvalue().strip() == "Đã nhập ranh giới của 1 xã, phường."
    path.write_text("{không phải json", encoding="utf-8")
    with pytest.raises(CommandError, match="Không đọc được tệp GeoJSON"):
        call_command(
            "import_boundaries", str(path), "--code-property", "ma_xa", "--source", "x",
            "--licence", "y",
        )  # fmt: skip
