"""The site's URLs plus the sub-plan downloads under /admin/, until planning's admin hook
includes ``document_views.subplan_urlpatterns`` itself."""

from django.urls import include, path

from giamngheo.planning.document_views import subplan_urlpatterns

urlpatterns = [
    path("admin/", include(subplan_urlpatterns)),
    path("", include("giamngheo.urls")),
]
