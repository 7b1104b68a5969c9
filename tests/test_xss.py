"""No script reaches a page from an article's title, summary, body or sources."""

import pytest

from articles import services
from support.hostile import HOSTILE
from support.pages import script_vectors

pytestmark = pytest.mark.django_db

MORE = [
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "[x](java\tscript:alert(1))",
    "[x](\u00a0javascript:alert(1))",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("attack", HOSTILE + MORE)
def test_hostile_title_summary_body_and_sources_never_reach_a_page_as_script(
    client, make_article, attack
):
    article = make_article(
        title=f"Twitching {attack}"[:200],
        slug="hostile",
        summary=f"A summary {attack}",
        body=f"## Section {attack}\n\nText {attack}\n",
        sources=f"- {attack}\n",
    )
    # A link to itself, once it exists.
    article.body += f"\n## Other\n\n[[hostile|{attack}]]\n"
    services.article_save(article=article, user=None)
    for url in ("/", "/articles/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert script_vectors(html) == [], url
