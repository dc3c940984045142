import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from giamngheo.portal import views as portal_views
from giamngheo.portal.feeds import LatestNewsAtomFeed, LatestNewsFeed

handler400 = "giamngheo.core.views.bad_request"
handler403 = "giamngheo.core.views.permission_denied"
handler404 = "giamngheo.core.views.page_not_found"
handler500 = "giamngheo.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tim-kiem/", portal_views.search, name="search"),
    path("tim-kiem/goi-y/", portal_views.search_suggestions, name="search-suggestions"),
    path("rss.xml", LatestNewsFeed(), name="feed-rss"),
    path("atom.xml", LatestNewsAtomFeed(), name="feed-atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", portal_views.robots_txt, name="robots"),
    # Choosing the display language is not a privileged action and the form sits on cached
    # public pages, which must carry no per-visitor CSRF token.
    path("ngon-ngu/", csrf_exempt(set_language), name="set_language"),
    path("", include("giamngheo.feedback.urls")),
    path("", include("giamngheo.results.urls")),
    path("", include("giamngheo.selfcheck.urls")),
    path("", include("giamngheo.funds.urls")),
    path("", include("giamngheo.publications.urls")),
    path("", include("giamngheo.training.urls")),
    path("", include("giamngheo.campaigns.urls")),
    path("", include("giamngheo.contests.urls")),
    path("", include("giamngheo.broadcasts.urls")),
    path("", include("giamngheo.awards.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
