"""Random and adversarial article bodies: each is saved or refused with a message, never
an error. How long the slowest took is printed at the end of the run (`make fuzz` runs
many thousands); the bound on it is in tests/test_bounded_work.py, not here."""

import time

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import services
from articles.models import Article
from support.fuzz_report import SLOWEST

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

# Markdown's own characters, and the project's: links, cards, notes, quotes, lists.
MARKDOWN = '[]()!|>#*_-`.:"\n    aA1'
PIECES = ["[", "]", "[[", "]]", "[[a|", "![", "](", "!!! emergency \"x\"\n    ", "> ", "    ",
          "- ", "1. ", "a" + "." * 50, "*", "_", "`", "|", "\n\n", "[[multiple-sclerosis]]",
          "{emergency_number}", "<script>", "# h\n", "***\n", "a\n=\n", "1. ", "- "]  # fmt: skip
bodies = st.one_of(
    st.text(alphabet=MARKDOWN, max_size=3_000),
    st.text(max_size=2_000),
    st.builds(lambda piece, times: piece * times, st.sampled_from(PIECES), st.integers(1, 30_000)),
    st.lists(st.sampled_from(PIECES), max_size=2_000).map("".join),
)


@pytest.fixture(scope="module")
def slowest(request):
    found: list = []
    request.config.stash[SLOWEST] = found
    return found


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_any_body_is_saved_or_refused_with_a_message(body, slowest, make_article):
    article = Article.objects.filter(slug="fuzzed").first() or make_article(
        slug="fuzzed", status=Article.Status.DRAFT
    )
    article.body = body
    started = time.monotonic()
    try:
        services.article_save(article=article, user=None)
        outcome = "saved"
    except ValidationError as error:
        assert error.messages and all(error.messages)
        outcome = "refused"
    slowest.append((time.monotonic() - started, len(body), body[:24], outcome))
    slowest.sort(reverse=True)
    del slowest[5:]
