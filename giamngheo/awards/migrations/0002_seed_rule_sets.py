"""The rule sets in force in 2023, from 1/1/2024 and from 1/7/2025, as editable data.

FACTS.md ("The plan's forms"): the law and decree in force on each date are reported, not read in
the primary text; the 90 % of all council members with absentees in writing is reported for some
titles under Nghị định 91/2017; the figures after 2024 were not verified. Every row below is
therefore marked ``reported`` and is meant to be corrected in the admin against the texts.
"""

from datetime import date

from django.db import migrations

COMPONENTS = [
    ("to_trinh", "Tờ trình đề nghị khen thưởng"),
    ("bao_cao", "Báo cáo thành tích có xác nhận của cấp trình"),
    ("bien_ban", "Biên bản họp xét của đơn vị đề nghị"),
]

RULE_SETS = [
    {
        "code": "tdkt-2013-nd91-2017",
        "name": "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013) và Nghị định 91/2017/NĐ-CP",
        "law": "Luật Thi đua, khen thưởng năm 2003, sửa đổi, bổ sung năm 2005 và 2013",
        "decree": "Nghị định 91/2017/NĐ-CP",
        "effective_from": date(2018, 1, 1),
        "quorum": (2, 3),
        "note": "Hội đồng bỏ phiếu kín; một số danh hiệu cần từ 90 % tổng số thành viên hội đồng "
        "đồng ý, thành viên vắng mặt cho ý kiến bằng văn bản (theo nguồn thứ cấp).",
        "public_days": 0,
    },
    {
        "code": "tdkt-2022-nd98-2023",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "law": "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "decree": "Nghị định 98/2023/NĐ-CP",
        "effective_from": date(2024, 1, 1),
        "quorum": (2, 3),
        "note": "Công khai danh sách đề nghị trên phương tiện thông tin của cơ quan trình ít nhất "
        "10 ngày làm việc trước khi hội đồng họp (theo nguồn thứ cấp); các tỷ lệ chưa đối chiếu.",
        "public_days": 10,
    },
    {
        "code": "tdkt-2022-nd152-2025",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "law": "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "decree": "Nghị định 152/2025/NĐ-CP",
        "effective_from": date(2025, 7, 1),
        "quorum": (2, 3),
        "note": "Chính quyền địa phương hai cấp; các tỷ lệ và thời hạn chưa đối chiếu văn bản.",
        "public_days": 10,
    },
]


def _forms(public_days: int, *, two_levels: bool):
    district = [] if two_levels else [
        ("giay_khen_huyen", "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", "district",
         (True, True, True), 50, True, "present", False, 0, False),
    ]
    return [
        ("co_thi_dua_tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", "province",
         (True, False, False), 90, False, "all", True, public_days, False),
        ("bang_khen_tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "province",
         (True, True, True), 90, False, "all", True, public_days, True),
        *district,
        ("giay_khen_xa", "Giấy khen của Chủ tịch Ủy ban nhân dân xã", "commune",
         (True, True, True), 50, True, "present", False, 0, False),
    ]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("awards", "RuleSet")
    AwardForm = apps.get_model("awards", "AwardForm")
    RequiredComponent = apps.get_model("awards", "RequiredComponent")
    for spec in RULE_SETS:
        rule_set = RuleSet.objects.create(
            code=spec["code"],
            name=spec["name"],
            law=spec["law"],
            decree=spec["decree"],
            effective_from=spec["effective_from"],
            verification="reported",
            quorum_numerator=spec["quorum"][0],
            quorum_denominator=spec["quorum"][1],
            note=spec["note"],
        )
        two_levels = spec["effective_from"] >= date(2025, 7, 1)
        for position, row in enumerate(_forms(spec["public_days"], two_levels=two_levels)):
            code, name, level, (coll, hh, ind), pct, strict, denom, written, days, pdata = row
            form = AwardForm.objects.create(
                rule_set=rule_set, code=code, name=name, level=level,
                for_collective=coll, for_household=hh, for_individual=ind,
                threshold_percent=pct, threshold_strict=strict, denominator=denom,
                written_opinions_count=written, public_comment_days=days,
                personal_data=pdata, position=position,
            )
            for index, (ccode, cname) in enumerate(COMPONENTS):
                RequiredComponent.objects.create(
                    form=form, code=ccode, name=cname, position=index
                )


def unseed(apps, schema_editor):
    """Delete the seeded rows table by table, children first, in plain SQL: an ORM cascade here
    collects related rows through the historical models, which can be rendered afresh while other
    apps migrate back in the same run, and then refuses its own instances."""
    quote = schema_editor.quote_name
    table = {name: quote(apps.get_model("awards", name)._meta.db_table)
             for name in ("RuleSet", "AwardForm", "RequiredComponent")}
    codes = [spec["code"] for spec in RULE_SETS]
    marks = ", ".join(["%s"] * len(codes))
    rule_sets = f"SELECT id FROM {table['RuleSet']} WHERE code IN ({marks})"
    forms = f"SELECT id FROM {table['AwardForm']} WHERE rule_set_id IN ({rule_sets})"
    schema_editor.execute(
        f"DELETE FROM {table['RequiredComponent']} WHERE form_id IN ({forms})", codes
    )
    schema_editor.execute(
        f"DELETE FROM {table['AwardForm']} WHERE rule_set_id IN ({rule_sets})", codes
    )
    schema_editor.execute(f"DELETE FROM {table['RuleSet']} WHERE code IN ({marks})", codes)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_rule_sets_rounds_nominations_council")]

    operations = [migrations.RunPython(seed, unseed)]
