from django import template
from wagtail.models import Site

from giamngheo.core.cache import memoised
from giamngheo.portal.models import FooterLinks, IndexPage, visible

register = template.Library()


def _has_content(page) -> bool:
    """A section (news, documents, media …) is offered only once it holds a page a visitor may
    open: an empty "Video - Âm thanh" in the menu is a promise the portal does not keep."""
    model = page.specific_class
    if model is None or not issubclass(model, IndexPage):
        return True
    return visible(model.child_model.objects.child_of(page)).exists()


def _menu(site) -> list:
    children = (
        site.root_page.get_children()
        .live()
        .public()
        .in_menu()
        .only("title", "url_path", "content_type")
    )
    return [page for page in children if _has_content(page)]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus", in tree order; empty sections left out."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # Memoised until the next publish (core.cache.memoised): every page renders the menu.
    return memoised(("portal.main-menu", site.pk), lambda: _menu(site))


@register.simple_tag(takes_context=True)
def footer_notices(context):
    """The footer's links to the privacy notice and the accessibility statement (live only)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return memoised(("portal.footer-notices", site.pk), lambda: FooterLinks.for_site(site).pages())
