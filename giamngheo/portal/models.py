"""Wagtail page types of the public portal (plan III.3.5, III.2.1, III.1.4)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from giamngheo.core.cache import memoised
from giamngheo.core.html import html_to_text, sanitize_html
from giamngheo.core.text import browser_urlify, clean_name, fold, slugify_vi

from .enums import DocumentType, EffectiveStatus, MediaKind, ModelCategory, Topic

LIST_PAGE_SIZE = 12
_WORD_BREAKS = re.compile(r"[^\w]+")  # the search index's words: letters and digits


def visible(queryset):
    """Live pages a visitor may see.

    Wagtail's ``public()`` adds a subquery over view restrictions that SQLite plans as a scan of
    every page (~80 ms at 100,000 pages); a portal usually has no restricted page at all, so the
    filter is applied only when a restriction exists (memoised until a restriction changes).
    """
    queryset = queryset.live()
    if memoised(("portal.any-view-restriction",), PageViewRestriction.objects.exists):
        queryset = queryset.public()
    return queryset


def paginate(request, queryset, per_page: int = LIST_PAGE_SIZE):
    """A page of a list, or 404 for a page number that does not exist (never a 500)."""
    raw = request.GET.get("trang", "1")
    if not raw.isdigit() or len(raw) > 6:
        raise Http404(_("Số trang không hợp lệ."))
    try:
        return Paginator(queryset, per_page).page(int(raw))
    except EmptyPage:
        raise Http404(_("Không có trang này.")) from None


def page_slug(title: str, slug: str | None) -> str | None:
    """The one slug rule of the portal's pages.

    The admin's JavaScript turns "Hội nghị sơ kết" into "hi-ngh-s-kt" (it drops Vietnamese
    letters); such a slug, or an empty one, is rebuilt from the title as "hoi-nghi-so-ket", and a
    slug an editor typed is folded to ASCII.
    """
    title = clean_name(title or "")
    if not slug or slug == browser_urlify(title):
        return slugify_vi(title) or None
    return slugify_vi(slug) or None


class PortalPage(Page):
    """Shared by every content page: folded search text, sample-content flag, clean titles."""

    is_sample = models.BooleanField(
        _("nội dung mẫu"),
        default=False,
        help_text=_("Đánh dấu nội dung minh họa; trang hiển thị rõ nhãn “Nội dung mẫu”."),
    )

    # folded_title goes to the index's autocomplete column: the title signal of the ranking and
    # the suggestions as you type (portal.search_engine), folded like the query.
    search_fields = [
        *Page.search_fields,
        index.SearchField("folded_text"),
        index.AutocompleteField("folded_title"),
    ]
    rich_text_fields: tuple[str, ...] = ()
    settings_panels = [*Page.settings_panels, FieldPanel("is_sample")]

    class Meta:
        abstract = True

    def search_parts(self) -> list[str]:
        parts = [self.title, self.search_description]
        parts += [html_to_text(getattr(self, name)) for name in self.rich_text_fields]
        return [p for p in parts if p]

    def plain_text(self) -> str:
        return " ".join(self.search_parts()[1:])

    def folded_text(self) -> str:
        # Punctuation as spaces: "650/qd-ldtbxh" is three words for FTS5 and for PostgreSQL's
        # parser alike (which would otherwise keep it as one "file path" token).
        return _WORD_BREAKS.sub(" ", fold(" ".join(self.search_parts())))

    def title_parts(self) -> list[str]:
        """What a visitor types to find this page by name (a document adds its number)."""
        return [self.title]

    def folded_title(self) -> str:
        return _WORD_BREAKS.sub(" ", fold(" ".join(p for p in self.title_parts() if p)))

    def full_clean(self, *args, **kwargs):
        # Before Wagtail's own checks (slug uniqueness among siblings); the admin form applies
        # the same rule first (portal.forms.PortalPageForm), so a clash is a form error there.
        self.title = clean_name(self.title or "")
        self.slug = page_slug(self.title, self.slug)
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        for name in self.rich_text_fields:
            setattr(self, name, sanitize_html(getattr(self, name)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The home page (depth 2) has no trail: no query for it.
        context["breadcrumbs"] = (
            visible(self.get_ancestors().filter(depth__gt=1)) if self.depth > 2 else []
        )
        return context


class HomePage(PortalPage):
    intro = RichTextField(_("lời giới thiệu"), blank=True)
    rich_text_fields = ("intro",)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = [
        "portal.NewsIndexPage",
        "portal.PolicyIndexPage",
        "portal.ModelIndexPage",
        "portal.MediaIndexPage",
        "portal.StandardPage",
        "portal.ContactPage",
        "results.ResultsIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    # The sections are read by portal.selectors.home_sections, and selectors import this module:
    # PortalConfig.ready() hands the reader to the page, so that models never import selectors.
    sections_reader: ClassVar[Callable[..., dict]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.sections_reader(site_root=self))
        return context


class IndexPage(PortalPage):
    intro = RichTextField(_("lời giới thiệu"), blank=True)
    rich_text_fields = ("intro",)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    child_model: type[Page]
    ordering: tuple = ("-first_published_at",)

    class Meta:
        abstract = True

    def children_queryset(self, request):
        return visible(self.child_model.objects.child_of(self)).order_by(*self.ordering)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, self.children_queryset(request))
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "portal.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(PortalPage):
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    topic = models.CharField(_("nội dung tuyên truyền"), max_length=8, choices=Topic.choices)
    tags = ClusterTaggableManager(_("từ khóa"), through=NewsPageTag, blank=True)
    intro = models.TextField(_("sa-pô (tóm tắt)"), max_length=600)
    body = RichTextField(_("nội dung"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=250,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người khiếm thị."),
    )
    source = models.CharField(_("nguồn tin"), max_length=200, blank=True)
    author = models.CharField(_("tác giả"), max_length=200, blank=True)

    rich_text_fields = ("body",)
    search_fields = [
        *PortalPage.search_fields,
        index.FilterField("topic"),
        index.FilterField("date"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("topic")]),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Ảnh đại diện")
        ),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("tags"),
    ]
    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")

    def search_parts(self):
        return [self.title, self.intro, html_to_text(self.body)]

    def clean(self):
        super().clean()
        self.intro = (self.intro or "").strip()
        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Hãy mô tả ảnh đại diện (văn bản thay thế).")})


class NewsIndexPage(IndexPage):
    child_model = NewsPage
    ordering = ("-date", "-pk")
    subpage_types = ["portal.NewsPage"]

    class Meta:
        verbose_name = _("chuyên mục tin tức")

    def children_queryset(self, request):
        qs = super().children_queryset(request).select_related("cover_image")
        topic = request.GET.get("chu-de")
        if topic in Topic.values:
            qs = qs.filter(topic=topic)
        return qs

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = Topic.choices
        context["current_topic"] = request.GET.get("chu-de", "")
        return context


class PolicyDocumentFile(Orderable):
    page = ParentalKey("portal.PolicyDocumentPage", related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("tên hiển thị"), max_length=200, blank=True)
    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")


class PolicyDocumentPage(PortalPage):
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=100)
    document_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    issue_date = models.DateField(
        _("ngày ban hành"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu bản có được không ghi ngày ban hành."),
    )
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    effective_status = models.CharField(
        _("tình trạng hiệu lực"),
        max_length=12,
        choices=EffectiveStatus.choices,
        default=EffectiveStatus.IN_FORCE,
    )
    effective_from = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    effective_to = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    summary = models.TextField(_("trích yếu"), max_length=1000)
    full_text = RichTextField(_("toàn văn"), blank=True)

    rich_text_fields = ("full_text",)
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("number_symbol", boost=3),
        index.FilterField("document_type"),
        index.FilterField("issue_date"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("number_symbol"), FieldPanel("document_type")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("issue_date"), FieldPanel("signer")]),
        FieldRowPanel(
            [
                FieldPanel("effective_status"),
                FieldPanel("effective_from"),
                FieldPanel("effective_to"),
            ]
        ),
        FieldPanel("summary"),
        FieldPanel("full_text"),
        InlinePanel("files", label=_("Tệp đính kèm")),
    ]
    parent_page_types = ["portal.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("văn bản chính sách")
        verbose_name_plural = _("văn bản chính sách")

    def title_parts(self):
        return [self.title, self.number_symbol]

    def search_parts(self):
        return [
            self.title,
            self.number_symbol,
            self.issuing_body,
            self.summary,
            html_to_text(self.full_text),
        ]

    def clean(self):
        super().clean()
        self.number_symbol = clean_name(self.number_symbol or "")
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError(
                {"effective_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")}
            )


class PolicyIndexPage(IndexPage):
    child_model = PolicyDocumentPage
    # Newest first; a document of unknown date last on every database (PostgreSQL would put
    # NULL first in a descending order, SQLite last).
    ordering = (models.F("issue_date").desc(nulls_last=True), "-pk")
    subpage_types = ["portal.PolicyDocumentPage"]

    # The list's filters as GET parameters (a plain form, no script): name → document field.
    FILTERS = ("loai", "co-quan", "nam", "hieu-luc")

    class Meta:
        verbose_name = _("thư viện văn bản")

    def live_documents(self):
        """The documents a visitor may see here: the filters offer only their values."""
        return visible(PolicyDocumentPage.objects.child_of(self))

    def filter_options(self) -> dict[str, list[tuple[str, str]]]:
        """The choices of each filter, read from the live documents (a draft's issuer or year is
        never offered), memoised until the next publish."""

        def compute():
            documents = self.live_documents().order_by()
            issuers = sorted(
                set(documents.values_list("issuing_body", flat=True)), key=lambda name: fold(name)
            )
            years = sorted(
                {day.year for day in documents.dates("issue_date", "year")}, reverse=True
            )
            return {
                "issuers": [(name, name) for name in issuers],
                "years": [(str(year), str(year)) for year in years],
            }

        options = memoised(("portal.policy-filters", self.pk), compute)
        return {
            "loai": list(DocumentType.choices),
            "co-quan": options["issuers"],
            "nam": options["years"],
            "hieu-luc": list(EffectiveStatus.choices),
        }

    def chosen_filters(self, request) -> dict[str, str]:
        """The filters of the request whose value is one of the choices; any other value is
        ignored (the list is shown unfiltered by it, never an error)."""
        cached = getattr(request, "_portal_policy_filters", None)
        if cached is not None and cached[0] == self.pk:
            return cached[1]
        options = self.filter_options()
        chosen = {}
        for name in self.FILTERS:
            value = request.GET.get(name, "")
            if value and value in {v for v, _label in options[name]}:
                chosen[name] = value
        request._portal_policy_filters = (self.pk, chosen)
        return chosen

    def children_queryset(self, request):
        qs = super().children_queryset(request)
        chosen = self.chosen_filters(request)
        if "loai" in chosen:
            qs = qs.filter(document_type=chosen["loai"])
        if "co-quan" in chosen:
            qs = qs.filter(issuing_body=chosen["co-quan"])
        if "nam" in chosen:
            qs = qs.filter(issue_date__year=int(chosen["nam"]))
        if "hieu-luc" in chosen:
            qs = qs.filter(effective_status=chosen["hieu-luc"])
        return qs

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = self.chosen_filters(request)
        context["filters"] = [
            {
                "name": name,
                "label": label,
                "options": self.filter_options()[name],
                "current": chosen.get(name, ""),
            }
            for name, label in (
                ("loai", _("Loại văn bản")),
                ("co-quan", _("Cơ quan ban hành")),
                ("nam", _("Năm ban hành")),
                ("hieu-luc", _("Tình trạng hiệu lực")),
            )
        ]
        context["filtered"] = bool(chosen)
        # The pagination links keep the filters.
        context["extra_query"] = urlencode(chosen)
        return context


class ExemplaryModelPage(PortalPage):
    category = models.CharField(_("loại"), max_length=16, choices=ModelCategory.choices)
    place = models.CharField(_("địa phương"), max_length=200)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    story = RichTextField(_("câu chuyện"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(_("mô tả ảnh (alt)"), max_length=250, blank=True)

    rich_text_fields = ("story",)
    search_fields = [*PortalPage.search_fields, index.FilterField("category")]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("place")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading=_("Ảnh")),
        FieldPanel("story"),
    ]
    parent_page_types = ["portal.ModelIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("gương điển hình, mô hình")
        verbose_name_plural = _("gương điển hình, mô hình")

    def search_parts(self):
        return [self.title, self.place, self.summary, html_to_text(self.story)]

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_alt.strip():
            raise ValidationError({"cover_alt": _("Hãy mô tả ảnh (văn bản thay thế).")})


class ModelIndexPage(IndexPage):
    child_model = ExemplaryModelPage
    subpage_types = ["portal.ExemplaryModelPage"]

    class Meta:
        verbose_name = _("chuyên mục gương điển hình")


class MediaPage(PortalPage):
    kind = models.CharField(_("loại"), max_length=8, choices=MediaKind.choices)
    date = models.DateField(_("ngày"), default=timezone.localdate)
    description = models.TextField(_("mô tả"), max_length=1000)
    media_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp video/âm thanh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField(
        _("liên kết nền tảng video"),
        blank=True,
        help_text=_(
            "Chỉ lưu liên kết (YouTube, Facebook…); hệ thống không tải nội dung từ liên kết."
        ),
    )
    transcript = RichTextField(_("lời thoại / nội dung"), blank=True)

    rich_text_fields = ("transcript",)
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("description"),
        FieldPanel("media_file"),
        FieldPanel("external_url"),
        FieldPanel("transcript"),
    ]
    parent_page_types = ["portal.MediaIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("video, âm thanh")
        verbose_name_plural = _("video, âm thanh")

    def search_parts(self):
        return [self.title, self.description, html_to_text(self.transcript)]

    def clean(self):
        super().clean()
        if not self.media_file_id and not self.external_url:
            raise ValidationError(_("Cần tải lên tệp hoặc nhập liên kết nền tảng video."))
        if self.external_url and not self.external_url.startswith("https://"):
            raise ValidationError({"external_url": _("Liên kết phải bắt đầu bằng https://")})


class MediaIndexPage(IndexPage):
    child_model = MediaPage
    ordering = ("-date", "-pk")
    subpage_types = ["portal.MediaPage"]

    class Meta:
        verbose_name = _("chuyên mục video, âm thanh")


class StandardPage(PortalPage):
    body = RichTextField(_("nội dung"))
    rich_text_fields = ("body",)
    content_panels = [*Page.content_panels, FieldPanel("body")]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("trang thông tin")


class ContactPage(PortalPage):
    body = RichTextField(_("giới thiệu"), blank=True)
    focal_point_name = models.CharField(_("đầu mối liên hệ"), max_length=200)
    focal_point_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.CharField(_("giờ làm việc"), max_length=200, blank=True)

    rich_text_fields = ("body",)
    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("focal_point_name"), FieldPanel("focal_point_title")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("office_hours"),
    ]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("trang liên hệ")


@register_setting(icon="link")
class FooterLinks(BaseSiteSetting):
    """The notices every page links to from its footer: how the portal treats personal data
    (Nghị định 13/2023/NĐ-CP) and how accessible it is (WCAG 2.1 AA). The body, address and
    contacts Nghị định 42/2022/NĐ-CP asks for are the site identity's (core.SiteIdentity)."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang chính sách bảo vệ dữ liệu cá nhân"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang tuyên bố về khả năng tiếp cận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    panels = [FieldPanel("privacy_page"), FieldPanel("accessibility_page")]

    class Meta:
        verbose_name = _("liên kết ở chân trang")

    def pages(self) -> list[Page]:
        """The linked pages a visitor may open (a draft or withdrawn page is not linked)."""
        ids = [pk for pk in (self.privacy_page_id, self.accessibility_page_id) if pk]
        if not ids:
            return []
        found = {
            p.pk: p for p in visible(Page.objects.filter(pk__in=ids)).only("title", "url_path")
        }
        return [found[pk] for pk in ids if pk in found]


SEARCHABLE_TYPES = {
    "news": NewsPage,
    "policy": PolicyDocumentPage,
    "model": ExemplaryModelPage,
    "media": MediaPage,
    "page": StandardPage,
}
