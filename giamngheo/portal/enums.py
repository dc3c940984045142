from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    """The four contents of the plan (III.1)."""

    TARGETS = "1.1", _("1.1. Nhiệm vụ, mục tiêu, chỉ tiêu giảm nghèo")
    AWARENESS = "1.2", _("1.2. Nâng cao nhận thức, trách nhiệm của cán bộ, đảng viên")
    EMULATION = (
        "1.3",
        _("1.3. Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”"),
    )
    MODELS = "1.4", _("1.4. Gương điển hình, sáng kiến, mô hình giảm nghèo")


class DocumentType(models.TextChoices):
    LAW = "luat", _("Luật")
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    DECREE = "nghi-dinh", _("Nghị định")
    DECISION = "quyet-dinh", _("Quyết định")
    CIRCULAR = "thong-tu", _("Thông tư")
    DIRECTIVE = "chi-thi", _("Chỉ thị")
    PLAN = "ke-hoach", _("Kế hoạch")
    GUIDANCE = "huong-dan", _("Hướng dẫn")
    OFFICIAL_LETTER = "cong-van", _("Công văn")
    REPORT = "bao-cao", _("Báo cáo")


class EffectiveStatus(models.TextChoices):
    IN_FORCE = "in-force", _("Còn hiệu lực")
    PARTLY = "partly", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực")
    NOT_YET = "not-yet", _("Chưa có hiệu lực")


class ModelCategory(models.TextChoices):
    PERSON = "person", _("Gương điển hình cá nhân")
    HOUSEHOLD = "household", _("Hộ gia đình vươn lên thoát nghèo")
    COLLECTIVE = "collective", _("Tập thể tiêu biểu")
    MODEL = "model", _("Mô hình giảm nghèo")
    INITIATIVE = "initiative", _("Sáng kiến hay")


class MediaKind(models.TextChoices):
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Âm thanh, phát thanh")


class SearchType(models.TextChoices):
    """Page kinds offered as a filter on the search page."""

    NEWS = "news", _("Tin tức")
    POLICY = "policy", _("Văn bản chính sách")
    MODEL = "model", _("Gương điển hình, mô hình")
    MEDIA = "media", _("Video, âm thanh")
    PAGE = "page", _("Trang thông tin")
