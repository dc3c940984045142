"""The Fund for the Poor at scale (issue 21's bars).

Run in its own process with GIAMNGHEO_VAR_DIR (a fresh SQLite file) or DATABASE_URL (a fresh
PostgreSQL database) set::

    GIAMNGHEO_VAR_DIR=$(mktemp -d) .venv/bin/python -m bench.funds

It migrates, then builds one district's Fatherland Front with its fund, a treasurer, a plan, a
sub-plan activity and a 2023 campaign; 25,000 pledges (inserted in bulk: a pledge is one plain
row). Then:

1. **Import**: a CSV statement of 50,000 transactions (25,000 transfers carrying a pledge's
   reference code, 20,000 credits with no code, 5,000 debits) through
   ``services.import_statement`` as the treasurer — parsed, checked, written and matched, all or
   nothing. Bar: ≤ 30 s. The same file imported again must add nothing (timed too).
2. **Public statement**: a second fund whose ledger holds 100,000 entries (90,000 credits from an
   imported statement, half of them matched, and 10,000 paid disbursements, inserted in bulk with
   their running balance, then the fund's day totals recounted from its ledger), its public
   statement page for the whole year served anonymously
   (a new query string each time, so the page cache never answers): the first, a middle and the
   last page. Bar: p95 ≤ 200 ms per page, and the same number of queries as the statement of a
   fund with three entries.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
from datetime import date, timedelta

os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["STAFF_TWO_FACTOR_REQUIRED"] = "0"

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.common import Stopwatch, mark, percentile, save_results, say, table  # noqa: E402
from bench.reporting import CONTENTS, FORMS, SOURCES  # noqa: E402

YEAR = 2023
BAR_IMPORT_S = 30.0
BAR_PAGE_MS = 200.0
HEADER = "Ngày giao dịch,Số tham chiếu,Ghi có,Ghi nợ,Nội dung"


def build_world() -> dict:
    from django.contrib.auth import get_user_model

    from giamngheo.funds import services
    from giamngheo.funds.enums import FundMemberRole
    from giamngheo.organisations import services as org_services
    from giamngheo.organisations.enums import OrganisationKind, Role, UnitLevel
    from giamngheo.planning import services as plan_services
    from giamngheo.planning.enums import AssignmentRole

    treasurer = get_user_model().objects.create_user("bench.thuquy", password="Bench#ThuQuy2023")
    province = org_services.create_unit(
        code="B98", name="Tỉnh Thử Nghiệm", level=UnitLevel.PROVINCE, audit=False
    )
    district = org_services.create_unit(
        code="B9801",
        name="Huyện Thử Nghiệm",
        level=UnitLevel.DISTRICT,
        parent=province,
        audit=False,
    )
    communes = [
        org_services.create_unit(
            code=f"B9801{c:03d}",
            name=f"Xã Thử Nghiệm {c}",
            level=UnitLevel.COMMUNE,
            parent=district,
            audit=False,
        )
        for c in range(1, 21)
    ]
    front = org_services.create_organisation(
        name="Ủy ban Mặt trận Tổ quốc huyện Thử Nghiệm",
        kind=OrganisationKind.FRONT,
        unit=district,
    )
    membership = org_services.create_membership(
        user=treasurer, organisation=front, role=Role.UNIT_OFFICER, valid_from=date(YEAR, 1, 1)
    )
    plan = plan_services.create_plan(
        issuing_body_name="UBND TỈNH THỬ NGHIỆM",
        place="Thử Nghiệm",
        title=f"Truyền thông về giảm nghèo bền vững năm {YEAR}",
        year=YEAR,
        legal_bases="Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững.",
        purposes=["- Nâng cao nhận thức."],
        requirements=["- Bám sát thực tiễn."],
        audience="Người dân.",
        scope="Toàn tỉnh.",
        period_text=f"Năm {YEAR}.",
        period_start=date(YEAR, 1, 1),
        period_end=date(YEAR, 12, 31),
        report_deadline=date(YEAR, 11, 15),
        recipients=["- Lưu: VT."],
        signer_authority="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn Thử",
        contents=[plan_services.ItemSpec(code=c, text=t) for c, t in CONTENTS],
        forms=[plan_services.ItemSpec(code=c, text=t) for c, t in FORMS],
        solutions=[plan_services.ItemSpec(code="3.1", text="Tăng cường chỉ đạo.")],
        funding_sources=[plan_services.FundingSpec(code=c, name=n, text=t) for c, n, t in SOURCES],
        assignments=[
            plan_services.AssignmentSpec(
                code="1",
                heading="Ủy ban Mặt trận Tổ quốc",
                role=AssignmentRole.LEAD,
                tasks=["- Vận động Quỹ Vì người nghèo."],
                organisations=[front],
            )
        ],
    )
    items = {i.code: i for i in plan.items.all()}
    admin = get_user_model().objects.create_superuser(
        "bench.admin", "admin@example.vn", "Bench#Admin2023"
    )
    subplan = plan_services.create_subplan(
        actor=admin, plan=plan, organisation=front, title="Kế hoạch cụ thể của Mặt trận huyện"
    )
    activity = plan_services.create_activity(
        actor=admin,
        subplan=subplan,
        title="Tháng cao điểm Vì người nghèo",
        form=items["2.1"],
        contents=[items["1.1"]],
        units=[district],
        start_date=date(YEAR, 1, 1),
        end_date=date(YEAR, 12, 31),
        budget=[
            plan_services.BudgetSpec(
                funding_source=plan.funding_sources.get(code="1"), planned=1_000_000, spent=0
            )
        ],
    )
    funds, campaigns = [], []
    for n, slug in ((1, "quy-nhap"), (2, "quy-lon"), (3, "quy-nho")):
        fund = services.create_fund(
            organisation=front,
            name=f"Quỹ Vì người nghèo thử nghiệm {n}",
            slug=slug,
            bank_bin="970415",
            bank_name="VietinBank chi nhánh Thử Nghiệm",
            account_number=f"00110019324{n}",
            account_name="UB MTTQ HUYEN THU NGHIEM",
        )
        services.add_fund_member(fund=fund, membership=membership, role=FundMemberRole.TREASURER)
        funds.append(fund)
        campaigns.append(
            services.create_campaign(
                fund=fund,
                activity=activity,
                name=f"Vận động Quỹ năm {YEAR} ({n})",
                slug=f"van-dong-{slug}",
                start_date=date(YEAR, 1, 1),
                end_date=date(YEAR, 12, 31),
            )
        )
    return {
        "treasurer": treasurer,
        "funds": funds,
        "campaigns": campaigns,
        "communes": communes,
        "activity": activity,
    }


def bulk_pledges(campaign, count: int, rng: random.Random) -> list:
    from giamngheo.funds.enums import DonationChannel, DonorKind
    from giamngheo.funds.models import Donation
    from giamngheo.funds.services import new_reference

    references: set[str] = set()
    while len(references) < count:
        references.add(new_reference())
    rows = [
        Donation(
            campaign=campaign,
            reference=ref,
            donor_kind=DonorKind.PERSON,
            donor_name=f"Nhà hảo tâm thử nghiệm {i}",
            is_anonymous=i % 7 == 0,
            amount=rng.randint(1, 50) * 100_000,
            channel=DonationChannel.TRANSFER,
        )
        for i, ref in enumerate(sorted(references))
    ]
    Donation.objects.bulk_create(rows, batch_size=2000)
    return list(Donation.objects.filter(campaign=campaign).values_list("reference", "amount"))


def statement_csv(
    *, prefix: str, pledges: list, others: int, debits: int, rng: random.Random
) -> bytes:
    """A bank's statement: each pledge paid by transfer (its code inside the bank's own
    wording), credits with no code, and debits (fees, transfers out), spread over the year."""
    lines = [f"SAO KÊ TÀI KHOẢN — {prefix}", "", HEADER]
    total = len(pledges) + others + debits
    kinds = ["pledge"] * len(pledges) + ["other"] * others + ["debit"] * debits
    rng.shuffle(kinds)
    pledge_iter = iter(pledges)
    start = date(YEAR, 1, 2)
    for i, kind in enumerate(kinds):
        day = start + timedelta(days=i * 360 // total)
        ref = f"{prefix}{i:07d}"
        if kind == "pledge":
            code, amount = next(pledge_iter)
            spaced = f"{code[:4]} {code[4:]}" if i % 3 == 0 else code.lower()
            lines.append(f'{day:%d/%m/%Y},{ref},"{amount:,}",,MBVCB.{i} {spaced} ung ho quy')
        elif kind == "other":
            amount = rng.randint(1, 20) * 50_000
            lines.append(f'{day:%d/%m/%Y},{ref},"{amount:,}",,CK ung ho nguoi ngheo {i}')
        else:
            lines.append(f"{day:%d/%m/%Y},{ref},,{rng.randint(1, 5) * 1_000},Phi dich vu {i}")
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def bulk_disbursements(world: dict, fund, count: int, rng: random.Random) -> None:
    """Paid disbursements with their ledger entries, in bulk (insert only: the ledger is
    append-only), each dated after the receipts that pay for it and never above the balance."""
    from django.db.models import Max, Sum

    from giamngheo.funds.enums import (
        DisbursementStatus,
        EntryKind,
        PaymentMethod,
        RecipientKind,
    )
    from giamngheo.funds.models import Disbursement, LedgerEntry

    current = LedgerEntry.objects.filter(fund=fund).aggregate(s=Sum("amount"), last=Max("seq"))
    balance, seq = current["s"] or 0, current["last"] or 0
    paid_on = date(YEAR, 12, 31)
    rows = [
        Disbursement(
            fund=fund,
            campaign=world["campaigns"][1],
            recipient_kind=RecipientKind.HOUSEHOLD if i % 2 else RecipientKind.PROJECT,
            purpose=f"Hỗ trợ hộ nghèo số {i} (thử nghiệm)",
            commune=world["communes"][i % len(world["communes"])],
            amount=rng.randint(1, 10) * 100_000,
            status=DisbursementStatus.PAID,
            proposed_by=world["treasurer"],
            paid_on=paid_on,
            method=PaymentMethod.CASH,
            evidence_note=f"PC {i}",
        )
        for i in range(count)
    ]
    Disbursement.objects.bulk_create(rows, batch_size=2000)
    entries = []
    for d in Disbursement.objects.filter(fund=fund).order_by("pk"):
        if balance < d.amount:
            raise RuntimeError("bench world: not enough receipts for the disbursements")
        seq += 1
        balance -= d.amount
        entries.append(
            LedgerEntry(
                fund=fund,
                seq=seq,
                entry_date=paid_on,
                kind=EntryKind.DISBURSEMENT,
                amount=-d.amount,
                balance_after=balance,
                description=d.purpose,
                disbursement=d,
                created_by=world["treasurer"],
            )
        )
    LedgerEntry.objects.bulk_create(entries, batch_size=2000)


def time_page(client: Client, url: str, runs: int, *, cold: bool) -> dict:
    """``cold``: the period's summary is recomputed for every request (the process memo is
    emptied first, as after a write to the fund); otherwise the requests after the first of a
    period reuse it, as paging through a statement does."""
    tag = "c" if cold else "p"
    response = client.get(f"{url}&b={tag}warm")
    assert response.status_code == 200, (response.status_code, response.content[:300])
    if cold:
        clear_memo_keep_site()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{url}&b={tag}count")
    queries = len(ctx.captured_queries)
    times = []
    for run in range(runs):
        if cold:
            clear_memo_keep_site()
        with Stopwatch() as sw:
            response = client.get(f"{url}&b={tag}{run}")
        assert response.status_code == 200
        times.append(sw.seconds * 1000)
    return {
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "queries": queries,
        "bytes": len(response.content),
    }


def clear_memo_keep_site() -> None:
    """Forget the fund summaries only (the reference data of every page stays memoised)."""
    from giamngheo.core import cache

    for key in [k for k in cache._MEMO if k and k[0] == "funds.public_statement"]:
        cache._MEMO.pop(key, None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transactions", type=int, default=50_000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    from giamngheo.funds import selectors, services
    from giamngheo.funds.enums import DonorKind
    from giamngheo.funds.models import BankTransaction, LedgerEntry

    rng = random.Random(2023)
    say(f"Fund for the Poor benchmark — {connection.vendor}")
    with Stopwatch() as sw:
        call_command("migrate", verbosity=0)
    say(f"  schema: {sw.seconds:.1f} s")
    with Stopwatch() as sw, transaction.atomic():
        world = build_world()
        fund, big, small = world["funds"]
        pledges = bulk_pledges(world["campaigns"][0], args.transactions // 2, rng)
    say(f"  world and {len(pledges):,} pledges: {sw.seconds:.1f} s")

    # 1. A statement of 50,000 transactions, imported and matched.
    others = args.transactions * 2 // 5
    content = statement_csv(
        prefix="FT",
        pledges=pledges,
        others=others,
        debits=args.transactions - len(pledges) - others,
        rng=rng,
    )
    gc.collect()
    with Stopwatch() as first:
        statement = services.import_statement(
            fund=fund, content=content, file_name="sao-ke.csv", actor=world["treasurer"]
        )
    with Stopwatch() as again:
        repeat = services.import_statement(
            fund=fund, content=content, file_name="sao-ke.csv", actor=world["treasurer"]
        )
    matched_ok = statement.rows_matched == len(pledges) and repeat.rows_added == 0
    import_ok = first.seconds <= BAR_IMPORT_S and matched_ok
    table(
        ["import (treasurer, services.import_statement)", "s", "read", "added", "matched", "bar"],
        [
            [
                f"{args.transactions:,} transactions, {len(content) / 1e6:.1f} MB CSV",
                first.seconds,
                statement.rows_read,
                statement.rows_added,
                statement.rows_matched,
                f"{mark(import_ok)} ≤ {BAR_IMPORT_S:.0f} s, every code matched",
            ],
            [
                "the same file again",
                again.seconds,
                repeat.rows_read,
                repeat.rows_added,
                repeat.rows_matched,
                f"{mark(repeat.rows_added == 0)} adds nothing",
            ],
        ],
        title=f"Bank statement import — {connection.vendor}",
    )
    ledger_rows = LedgerEntry.objects.filter(fund=fund).count()
    bank_rows = BankTransaction.objects.filter(fund=fund).count()
    say(f"  fund 1: {bank_rows:,} bank transactions, {ledger_rows:,} ledger entries")

    # 2. The public statement of a fund with 100,000 ledger entries.
    disbursements = args.entries // 10
    with Stopwatch() as sw:
        with transaction.atomic():
            big_pledges = bulk_pledges(
                world["campaigns"][1], (args.entries - disbursements) // 2, rng
            )
        big_content = statement_csv(
            prefix="BG",
            pledges=big_pledges,
            others=args.entries - disbursements - len(big_pledges),
            debits=0,
            rng=rng,
        )
        services.import_statement(
            fund=big, content=big_content, file_name="sao-ke-lon.csv", actor=world["treasurer"]
        )
        with transaction.atomic():
            bulk_disbursements(world, big, disbursements, rng)
        # Rows written in bulk, outside the services: their day totals are counted once here.
        services.recount_days(fund=big)
    big_rows = LedgerEntry.objects.filter(fund=big).count()
    say(f"  fund 2: {big_rows:,} ledger entries built in {sw.seconds:.1f} s")
    for i, (number, amount) in enumerate((("BL-1", 300_000), ("BL-2", 200_000), ("BL-3", 100_000))):
        services.record_cash_donation(
            campaign=world["campaigns"][2],
            donor_kind=DonorKind.PERSON,
            donor_name=f"Nhà hảo tâm nhỏ {i}",
            amount=amount,
            receipt_number=number,
            received_on=date(YEAR, 3, 1 + i),
            actor=world["treasurer"],
        )
    gc.collect()
    gc.freeze()
    client = Client()
    period = f"tu=01/01/{YEAR}&den=31/12/{YEAR}"
    pages = -(-big_rows // selectors.PUBLIC_PAGE_SIZE)
    urls = {
        "small fund (3 entries)": f"/quy-vi-nguoi-ngheo/{small.slug}/sao-ke/?{period}",
        "page 1": f"/quy-vi-nguoi-ngheo/{big.slug}/sao-ke/?{period}",
        f"page {pages // 2}": f"/quy-vi-nguoi-ngheo/{big.slug}/sao-ke/?{period}&trang={pages // 2}",
        f"page {pages} (last)": f"/quy-vi-nguoi-ngheo/{big.slug}/sao-ke/?{period}&trang={pages}",
    }
    screens = {}
    for label, url in urls.items():
        screens[f"{label}, summary recomputed"] = time_page(client, url, args.runs, cold=True)
        screens[f"{label}, paging on"] = time_page(client, url, args.runs, cold=False)
    base = {
        cold: screens[f"small fund (3 entries), {cold}"]["queries"]
        for cold in ("summary recomputed", "paging on")
    }

    def expected(label: str) -> int:
        return base[label.rsplit(", ", 1)[1]]

    constant = all(s["queries"] == expected(label) for label, s in screens.items())
    pages_ok = constant and all(s["p95_ms"] <= BAR_PAGE_MS for s in screens.values())
    table(
        ["public statement (anonymous GET, uncached)", "p50 ms", "p95 ms", "queries", "KB", "bar"],
        [
            [
                label,
                s["p50_ms"],
                s["p95_ms"],
                s["queries"],
                s["bytes"] / 1024,
                f"{mark(s['p95_ms'] <= BAR_PAGE_MS and s['queries'] == expected(label))}"
                f" ≤ {BAR_PAGE_MS:.0f} ms, {expected(label)} queries",
            ]
            for label, s in screens.items()
        ],
        title=f"Public statement of a fund with {big_rows:,} entries ({args.runs} requests"
        f" a page) — {connection.vendor}",
    )
    save_results(
        "funds",
        {
            "db": connection.vendor,
            "transactions": args.transactions,
            "import_s": first.seconds,
            "reimport_s": again.seconds,
            "matched": statement.rows_matched,
            "import_ok": import_ok,
            "entries": big_rows,
            "screens": screens,
            "queries_constant": constant,
            "pages_ok": pages_ok,
        },
    )


if __name__ == "__main__":
    main()
