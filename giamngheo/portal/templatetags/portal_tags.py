from django import template
from wagtail.models import Site

from giamngheo.core.cache import memoised

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus", in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # Memoised until the next publish (core.cache.memoised): every page renders the menu.
    return memoised(
        ("portal.main-menu", site.pk),
        lambda: list(
            site.root_page.get_children().live().public().in_menu().only("title", "url_path")
        ),
    )
