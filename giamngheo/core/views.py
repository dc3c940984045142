"""Error pages in Vietnamese; none of them shows a traceback or a setting."""

from django.shortcuts import render

from .security import security_event


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    security_event("permission_denied", request=request)
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
