from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import NewsPage, visible


class LatestNewsFeed(Feed):
    title = _("Tin tức giảm nghèo bền vững")
    link = "/"
    description = _("Tin bài mới nhất của cổng thông tin giảm nghèo bền vững.")
    language = "vi"

    def items(self):
        return visible(NewsPage.objects.all()).order_by("-date", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(7, 0)))

    def item_author_name(self, item):
        return item.author or None


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = Atom1Feed
    subtitle = LatestNewsFeed.description
