"""Fast generation of many NewsPage rows: bulk inserts that build the treebeard tree by hand.

``parent.add_child`` costs several queries and a revision per page, far too slow for 100,000
articles. Here the base ``wagtailcore_page`` rows are inserted with ``bulk_create`` (Page has no
concrete parent, so Django allows it) and the ``portal_newspage`` rows with the same primary
keys through the model's raw insert. Tree fields are computed as treebeard's MP_Node does:
``path`` = parent's path + the child's step in base 36 on 4 characters, ``depth`` = parent's + 1,
and the parent's ``numchild`` is bumped once at the end.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from giamngheo.portal.enums import Topic
from giamngheo.portal.models import NewsPage

# Vocabulary of the provincial poverty-reduction programme, with diacritics, weighted so that the
# programme's name appears in most articles (as on the real portal) and rarer phrases stay rare.
SUBJECTS = [
    "Ủy ban nhân dân huyện",
    "Ủy ban nhân dân xã",
    "Sở Lao động - Thương binh và Xã hội",
    "Ngân hàng Chính sách xã hội",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Hội Nông dân",
    "Mặt trận Tổ quốc",
    "Ban chỉ đạo các chương trình mục tiêu quốc gia",
    "Phòng Lao động - Thương binh và Xã hội",
    "Trung tâm Dịch vụ việc làm",
    "Hợp tác xã",
]
VERBS = [
    "triển khai",
    "hỗ trợ",
    "tổ chức",
    "đẩy mạnh",
    "rà soát",
    "kiểm tra",
    "tuyên truyền",
    "giải ngân",
    "nghiệm thu",
    "phối hợp thực hiện",
    "tập huấn",
    "trao tặng",
    "xây dựng",
]
OBJECTS = [
    "chương trình mục tiêu quốc gia giảm nghèo bền vững",
    "giảm nghèo bền vững",
    "công tác giảm nghèo",
    "hộ nghèo",
    "hộ cận nghèo",
    "hộ mới thoát nghèo",
    "vốn vay ưu đãi",
    "đường giao thông nông thôn",
    "nhà ở cho hộ nghèo",
    "nước sạch",
    "bảo hiểm y tế",
    "đào tạo nghề cho lao động nông thôn",
    "mô hình chăn nuôi bò sinh sản",
    "mô hình trồng cây ăn quả",
    "việc làm bền vững",
    "học bổng cho học sinh nghèo",
    "đồng bào dân tộc thiểu số",
    "sinh kế cho người dân",
    "xuất khẩu lao động",
    "cải thiện dinh dưỡng",
    "truyền thông giảm nghèo về thông tin",
    "nhà văn hóa thôn",
    "kênh mương nội đồng",
    "giống cây trồng",
    "máy móc nông nghiệp",
]
PLACES = [
    "huyện Lục Ngạn",
    "huyện Sơn Động",
    "huyện Lục Nam",
    "huyện Yên Thế",
    "huyện Lạng Giang",
    "huyện Tân Yên",
    "huyện Hiệp Hòa",
    "huyện Việt Yên",
    "huyện Yên Dũng",
    "thành phố Bắc Giang",
    "xã Tuấn Đạo",
    "xã An Lạc",
    "xã Phong Minh",
    "xã Hộ Đáp",
    "xã Xa Lý",
    "xã Đồng Tâm",
    "thôn Khe Nghè",
    "thôn Đồng Bài",
    "xã vùng đặc biệt khó khăn",
    "các thôn vùng cao",
]
TAILS = [
    "góp phần giảm tỷ lệ hộ nghèo",
    "nhằm nâng cao đời sống người dân",
    "theo kế hoạch năm",
    "bảo đảm đúng đối tượng, công khai, minh bạch",
    "được người dân đồng tình hưởng ứng",
    "vượt chỉ tiêu đề ra",
    "tạo việc làm ổn định cho lao động",
    "từ nguồn vốn của chương trình",
    "giúp nhiều hộ vươn lên thoát nghèo",
    "với tổng kinh phí hơn {n} triệu đồng",
    "cho {n} hộ gia đình",
    "trong {n} tháng đầu năm",
]


def sentence(rng: random.Random) -> str:
    text = (
        f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    )
    return text.format(n=rng.randint(2, 900)) + "."


def title(rng: random.Random) -> str:
    text = f"{rng.choice(PLACES)}: {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return text[0].upper() + text[1:]


def article(rng: random.Random) -> dict:
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(3)]
    return {
        "title": title(rng),
        "intro": sentence(rng),
        "body": "".join(f"<p>{p}</p>" for p in paragraphs),
    }


def add_news(parent: Page, count: int, *, seed: int = 1, batch: int = 1000, progress=None) -> int:
    """Insert ``count`` live NewsPage children under ``parent``. Returns the number inserted."""
    rng = random.Random(seed)
    ct = ContentType.objects.get_for_model(NewsPage)
    topics = list(Topic.values)
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    depth = parent.depth + 1
    start_day = date(2019, 1, 1)
    done = 0
    while done < count:
        n = min(batch, count - done)
        pages, extras = [], []
        for i in range(n):
            step += 1
            number = done + i + 1
            data = article(rng)
            day = start_day + timedelta(days=rng.randint(0, 2400))
            when = timezone.make_aware(datetime.combine(day, time(8, rng.randint(0, 59))))
            slug = f"tin-bench-{seed}-{number}"
            pages.append(
                Page(
                    title=data["title"],
                    draft_title=data["title"],
                    slug=slug,
                    content_type_id=ct.pk,
                    live=True,
                    has_unpublished_changes=False,
                    path=Page._get_path(parent.path, depth, step),
                    depth=depth,
                    numchild=0,
                    url_path=f"{parent.url_path}{slug}/",
                    locale_id=parent.locale_id,
                    first_published_at=when,
                    last_published_at=when,
                    latest_revision_created_at=when,
                )
            )
            extras.append((data, day, rng.choice(topics)))
        with transaction.atomic():
            Page.objects.bulk_create(pages)
            rows = [
                NewsPage(
                    page_ptr_id=page.pk,
                    is_sample=False,
                    date=day,
                    topic=topic,
                    intro=data["intro"],
                    body=data["body"],
                    cover_image_id=None,
                    cover_alt="",
                    source="",
                    author="",
                )
                for page, (data, day, topic) in zip(pages, extras, strict=True)
            ]
            fields = NewsPage._meta.local_concrete_fields
            size = max(1, 900 // len(fields))  # stay under SQLite's bound-variable limit
            for i in range(0, len(rows), size):
                NewsPage._base_manager._insert(rows[i : i + size], fields=fields, raw=True)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + n)
        done += n
        if progress:
            progress(done)
    return done


def index_news(pks=None, *, batch: int = 1000, progress=None) -> int:
    """Add NewsPages to the search index in batches (what update_index does for them)."""
    from modelsearch.backends import get_search_backend

    backend = get_search_backend()
    index = backend.get_index_for_model(NewsPage)
    qs = NewsPage.objects.order_by("pk")
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    ids = list(qs.values_list("pk", flat=True))
    for i in range(0, len(ids), batch):
        chunk = list(NewsPage.objects.filter(pk__in=ids[i : i + batch]).order_by("pk"))
        index.add_items(NewsPage, chunk)
        if progress:
            progress(min(i + batch, len(ids)))
    return len(ids)
