"""The poverty standard's income lines in the admin: typed and shown as 1.500.000 (issue #13)."""

from __future__ import annotations

STANDARDS = "/admin/tu-danh-gia/chuan-ngheo/"


def _data(standard, **overrides):
    data = {
        "name": standard.name,
        "legal_basis": standard.legal_basis,
        "valid_from": standard.valid_from.isoformat(),
        "valid_to": standard.valid_to.isoformat() if standard.valid_to else "",
        "is_published": "on" if standard.is_published else "",
        "rural_income_line": "1.500.000",
        "urban_income_line": "2 000 000",
        "rural_average_upper": "2250000",
        "urban_average_upper": "3.000.000",
        "poor_min_lacking": str(standard.poor_min_lacking),
        "notes": standard.notes,
    }
    data.update(overrides)
    return data


def test_income_lines_are_shown_grouped_in_numeric_text_boxes(client, world, standard):
    client.force_login(world.users["province_admin"])
    html = client.get(f"{STANDARDS}edit/{standard.pk}/").content.decode()
    assert 'name="rural_income_line" value="1.500.000"' in html
    assert 'name="urban_average_upper" value="3.000.000"' in html
    assert 'type="number" name="rural_income_line"' not in html
    assert html.count('inputmode="numeric"') >= 4


def test_income_lines_typed_the_vietnamese_way_are_saved_whole(client, world, standard):
    client.force_login(world.users["province_admin"])
    response = client.post(
        f"{STANDARDS}edit/{standard.pk}/", _data(standard, rural_income_line="1.600.000")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    standard.refresh_from_db()
    assert (
        standard.rural_income_line,
        standard.urban_income_line,
        standard.rural_average_upper,
        standard.urban_average_upper,
    ) == (1_600_000, 2_000_000, 2_250_000, 3_000_000)


def test_income_line_with_a_fraction_is_refused_in_vietnamese(client, world, standard):
    client.force_login(world.users["province_admin"])
    response = client.post(
        f"{STANDARDS}edit/{standard.pk}/", _data(standard, rural_income_line="1.500,5")
    )
    assert response.status_code == 200
    assert "Số tiền tính bằng đồng, không có phần lẻ: “1.500,5”." in response.content.decode()
    standard.refresh_from_db()
    assert standard.rural_income_line == 1_500_000
