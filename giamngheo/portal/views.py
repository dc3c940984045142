from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import SearchForm
from .selectors import search_pages, suggest_titles


@require_GET
def search(request):
    """Search page. Malformed parameters answer 400 with the form's Vietnamese errors."""
    form = SearchForm(request.GET or None)
    results = None
    status = 200
    # The other pages of the results keep every filter of this one (type, topic, dates, order).
    kept = QueryDict(mutable=True)
    for name in form.fields:
        if name != "trang" and request.GET.get(name):
            kept[name] = request.GET[name]
    if form.is_bound:
        if form.is_valid() and form.cleaned_data["q"]:
            data = form.cleaned_data
            results = search_pages(
                query=data["q"],
                page_type=data["loai"] or None,
                topic=data["chu_de"] or None,
                date_from=data["tu_ngay"],
                date_to=data["den_ngay"],
                page_number=data["trang"] or 1,
                sort="date" if data["sap_xep"] == "ngay" else "relevance",
            )
        elif form.errors:
            status = 400
    return render(
        request,
        "portal/search.html",
        {"form": form, "results": results, "page_query": kept.urlencode()},
        status=status,
    )


@require_GET
def search_suggestions(request):
    """Titles (with a document's number) starting as typed: an HTML fragment of links the search
    page's script shows under the box (portal/search-suggest.js). Without JavaScript the box is
    a plain form and this view is never asked."""
    query = request.GET.get("q", "")[:200]
    pages = suggest_titles(query) if len(query.strip()) >= 2 else []
    return render(request, "portal/_search_suggestions.html", {"pages": pages, "query": query})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /tim-kiem/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
