"""No portal template includes another template once per item of a loop (issue 20): an
``{% include %}`` per card was half the news list's render time. One include per list is fine."""

from pathlib import Path

import pytest
from django.template import engines
from django.template.defaulttags import ForNode
from django.template.loader_tags import IncludeNode

import giamngheo

PORTAL_TEMPLATES = Path(giamngheo.__file__).parent / "templates" / "portal"
NAMES = sorted(p.name for p in PORTAL_TEMPLATES.glob("*.html"))


def test_the_portal_templates_are_found():
    assert {"search.html", "_index.html", "home_page.html", "news_index_page.html"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_no_include_inside_a_loop(name):
    template = engines["django"].engine.get_template(f"portal/{name}")
    inside = [
        include.token.contents if hasattr(include, "token") else str(include)
        for loop in template.nodelist.get_nodes_by_type(ForNode)
        for include in loop.nodelist_loop.get_nodes_by_type(IncludeNode)
    ]
    assert inside == []
