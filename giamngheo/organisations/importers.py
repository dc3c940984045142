"""Administrative units from the ``vietnamadminunits`` package (MIT licence, data bundled, no
network): the 63-province three-level structure in force until 30/6/2025 and the 34-province
two-level structure from 1/7/2025, linked by the package's old→new conversion table.

Importing a province brings its whole family: the provinces merged on 1/7/2025 into the same new
province and that new province, so every succession has both ends. Re-running changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path

from django.db import transaction

from giamngheo.core.text import fold

from .enums import SuccessionKind, UnitLevel
from .models import AdministrativeUnit, UnitSuccession
from .services import bulk_create_units, bulk_record_successions

LEGACY_LAST_DAY = date(2025, 6, 30)
REFORM_DAY = date(2025, 7, 1)
SOURCE = "vietnamadminunits"
PROVINCE_LEGAL_BASIS = "Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh"


def _package_dir() -> Path:
    import vietnamadminunits  # noqa: PLC0415 (heavy module, loaded only when used)

    return Path(vietnamadminunits.__file__).parent


def _key(value: str) -> str:
    return "".join(ch for ch in fold(value) if ch.isalnum())


@dataclass
class ImportResult:
    created_units: int = 0
    existing_units: int = 0
    created_successions: int = 0
    legacy_provinces: list[str] = field(default_factory=list)
    new_provinces: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"Tỉnh trước 01/07/2025: {', '.join(self.legacy_provinces)}; "
            f"tỉnh từ 01/07/2025: {', '.join(self.new_provinces)}; "
            f"đơn vị mới tạo: {self.created_units}, đã có: {self.existing_units}; "
            f"quan hệ kế thừa mới: {self.created_successions}."
        )


class UnitSource:
    """Read-only access to the package's bundled data."""

    def __init__(self, base: Path | None = None):
        base = base or _package_dir() / "data"
        self.db = base / "dataset.db"
        self.converter = json.loads((base / "converter_2025.json").read_text(encoding="utf-8"))
        try:
            self.version = metadata.version("vietnamadminunits")
        except metadata.PackageNotFoundError:  # pragma: no cover
            self.version = "?"

    def rows(self, sql: str, params: tuple = ()) -> list[dict]:
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as conn:
            conn.row_factory = sqlite3.Row
            return [dict(r) for r in conn.execute(sql, params).fetchall()]

    def resolve(self, province: str) -> tuple[list[str], list[str]]:
        """(legacy province keys, new province keys) of the family ``province`` belongs to."""
        wanted = _key(province)
        candidates = {wanted, "tinh" + wanted, "thanhpho" + wanted}
        legacy = {
            r["provinceKey"]
            for r in self.rows(
                "SELECT DISTINCT provinceKey, provinceShortKey FROM admin_units_legacy"
            )
            if r["provinceKey"] in candidates or r["provinceShortKey"] in candidates
        }
        new = {
            r["provinceKey"]
            for r in self.rows("SELECT DISTINCT provinceKey, provinceShortKey FROM admin_units")
            if r["provinceKey"] in candidates or r["provinceShortKey"] in candidates
        }
        mapping: dict[str, list[str]] = self.converter["DICT_PROVINCE"]
        new |= {n for n, olds in mapping.items() if legacy & set(olds)}
        if not new:
            raise ValueError(province)
        legacy |= {o for n in new for o in mapping.get(n, [])}
        return sorted(legacy), sorted(new)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:].lower() if text else text


class _Importer:
    def __init__(self, source: UnitSource, result: ImportResult, stdout=None):
        self.source = source
        self.result = result
        self.say = stdout.write if stdout else (lambda _m: None)
        label = f"{SOURCE} {source.version}"
        self.label = label
        self.pending: list[AdministrativeUnit] = []
        self.existing = {
            u.source_key: u
            for u in AdministrativeUnit.objects.filter(source__startswith=SOURCE).only(
                "id", "source_key", "path", "level", "name", "valid_from", "valid_to", "parent_id"
            )
        }

    def unit(self, *, key: str, **fields) -> AdministrativeUnit:
        """The existing unit, or a new one queued for the next ``flush`` (one level at a time,
        so that parents are saved before their children)."""
        found = self.existing.get(key)
        if found is not None:
            self.result.existing_units += 1
            return found
        unit = AdministrativeUnit(source=self.label, source_key=key, **fields)
        self.pending.append(unit)
        self.existing[key] = unit
        self.result.created_units += 1
        return unit

    def flush(self) -> None:
        bulk_create_units(units=self.pending)
        self.pending = []


@transaction.atomic
def import_units(*, province: str, stdout=None, source: UnitSource | None = None) -> ImportResult:
    source = source or UnitSource()
    legacy_keys, new_keys = source.resolve(province)
    result = ImportResult()
    imp = _Importer(source, result, stdout)

    # Three levels, in force until 30/6/2025: provinces, then districts, then communes, each
    # level written in one batch once its parents have ids.
    legacy_rows = {
        pkey: source.rows(
            "SELECT * FROM admin_units_legacy WHERE provinceKey = ? "
            "ORDER BY districtCode, wardCode",
            (pkey,),
        )
        for pkey in legacy_keys
    }
    legacy_rows = {k: v for k, v in legacy_rows.items() if v}
    old_provinces: dict[str, AdministrativeUnit] = {}
    for pkey, rows in legacy_rows.items():
        first = rows[0]
        old_provinces[pkey] = imp.unit(
            key=f"legacy:{pkey}",
            code=first["provinceCode"],
            name=first["province"],
            unit_type=first["province"].split(" ")[0],
            level=UnitLevel.PROVINCE,
            valid_to=LEGACY_LAST_DAY,
        )
        result.legacy_provinces.append(old_provinces[pkey].name)
    imp.flush()
    district_units: dict[tuple[str, str], AdministrativeUnit] = {}
    for pkey, rows in legacy_rows.items():
        for row in rows:
            dkey = row["districtKey"]
            if (pkey, dkey) not in district_units:
                district_units[(pkey, dkey)] = imp.unit(
                    key=f"legacy:{pkey}_{dkey}",
                    code=row["districtCode"],
                    name=f"{_cap(row['districtType'])} {row['districtShort']}",
                    unit_type=_cap(row["districtType"]),
                    level=UnitLevel.DISTRICT,
                    parent=old_provinces[pkey],
                    valid_to=LEGACY_LAST_DAY,
                )
    districts = list(district_units.values())
    imp.flush()
    old_units: dict[str, AdministrativeUnit] = {}
    for pkey, rows in legacy_rows.items():
        for row in rows:
            if not row["wardCode"]:
                continue  # island districts without communes
            dkey = row["districtKey"]
            old_key = f"{pkey}_{dkey}_{row['wardKey']}"
            old_units[old_key] = imp.unit(
                key=f"legacy:{old_key}",
                code=row["wardCode"],
                name=f"{_cap(row['wardType'])} {row['wardShort']}",
                unit_type=_cap(row["wardType"]),
                level=UnitLevel.COMMUNE,
                parent=district_units[(pkey, dkey)],
                valid_to=LEGACY_LAST_DAY,
            )
    imp.flush()

    # Two levels, from 1/7/2025.
    new_rows = {
        nkey: source.rows(
            "SELECT * FROM admin_units WHERE provinceKey = ? ORDER BY wardCode", (nkey,)
        )
        for nkey in new_keys
    }
    new_provinces: dict[str, AdministrativeUnit] = {}
    for nkey, rows in new_rows.items():
        first = rows[0]
        new_provinces[nkey] = imp.unit(
            key=f"2025:{nkey}",
            code=first["provinceCode"],
            name=first["province"],
            unit_type=first["province"].split(" ")[0],
            level=UnitLevel.PROVINCE,
            valid_from=REFORM_DAY,
        )
        result.new_provinces.append(new_provinces[nkey].name)
    imp.flush()
    new_units: dict[tuple[str, str], AdministrativeUnit] = {}
    for nkey, rows in new_rows.items():
        for row in rows:
            new_units[(nkey, row["wardKey"])] = imp.unit(
                key=f"2025:{nkey}_{row['wardKey']}",
                code=row["wardCode"],
                name=f"{_cap(row['wardType'])} {row['wardShort']}",
                unit_type=_cap(row["wardType"]),
                level=UnitLevel.COMMUNE,
                parent=new_provinces[nkey],
                valid_from=REFORM_DAY,
            )
    imp.flush()

    # Successions: provinces merged, districts ended (their territory now under the province
    # directly), communes merged, renamed, moved or split as the package's table says.
    existing_pairs = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))

    pending_links: list[UnitSuccession] = []

    def link(old, new, kind, *, primary=True, basis=""):
        if (old.pk, new.pk) in existing_pairs:
            return
        pending_links.append(
            UnitSuccession(
                predecessor=old,
                successor=new,
                kind=kind,
                date=REFORM_DAY,
                is_primary=primary,
                legal_basis=basis,
            )
        )
        existing_pairs.add((old.pk, new.pk))
        result.created_successions += 1

    mapping = source.converter["DICT_PROVINCE"]
    for nkey, new_prov in new_provinces.items():
        olds = [old_provinces[o] for o in mapping.get(nkey, []) if o in old_provinces]
        for old_prov in olds:
            kind = SuccessionKind.MERGE if len(olds) > 1 else SuccessionKind.MOVE
            link(old_prov, new_prov, kind, basis=PROVINCE_LEGAL_BASIS)
    province_of_old = {}
    for nkey, olds in mapping.items():
        for o in olds:
            province_of_old[o] = nkey
    for district in districts:
        pkey = district.source_key.removeprefix("legacy:").split("_")[0]
        new_prov = new_provinces.get(province_of_old.get(pkey, ""))
        if new_prov is not None:
            link(district, new_prov, SuccessionKind.ABOLISH)

    merged_into: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for nkey in new_keys:
        for new_ward_key, old_keys in (
            source.converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(nkey, {}).items()
        ):
            for old_key in old_keys:
                merged_into[(nkey, new_ward_key)].append(old_key)
    for (nkey, new_ward_key), old_keys in merged_into.items():
        new = new_units.get((nkey, new_ward_key))
        olds = [old_units[k] for k in old_keys if k in old_units]
        if new is None:
            continue
        for old in olds:
            if len(olds) > 1:
                kind = SuccessionKind.MERGE
            elif fold(old.name) != fold(new.name):
                kind = SuccessionKind.RENAME
            else:
                kind = SuccessionKind.MOVE
            link(old, new, kind)
    for nkey in new_keys:
        for old_key, parts in source.converter["DICT_PROVINCE_WARD_DIVIDED"].get(nkey, {}).items():
            old = old_units.get(old_key)
            if old is None:
                continue
            for part in parts:
                new = new_units.get((nkey, part["newWardKey"]))
                if new is not None:
                    link(old, new, SuccessionKind.SPLIT, primary=bool(part["isDefaultNewWard"]))
    bulk_record_successions(successions=pending_links)
    imp.say(f"{result}\n")
    return result
