"""Staff input cannot hold a worker: every save of hostile text is saved or refused at
once with a clear message, comparisons of huge versions say so, pattern filters in the
admin's address bar are refused, and a sign-off renders one page, not every linker.

"At once" is a bound ten or more times the slowest time measured (`make fuzz` prints
those); before these changes the same inputs took 4 to 40 s, or gave a 500."""

import signal

import pytest
from django.test import Client

from articles import rendering, services
from articles.links import resolve_article_link
from articles.models import Article
from support.admin_forms import article_form_data

pytestmark = pytest.mark.django_db

BOUND = 5.0  # seconds
CHANGE = "/admin/articles/article/{pk}/change/"
NESTED_CARDS = "".join("    " * depth + f'!!! emergency "Card {depth}"\n' for depth in range(500))
HOSTILE = {
    "10 KB of [": "[" * 10_000,
    "[[a| over and over": "[[a|" * 2_500,
    "a run of 20,000 dots before a letter": "a" + "." * 20_000 + "b",
    "500 care cards inside each other": NESTED_CARDS,
    "1,000 lists inside each other on one line": "1. " * 1_000,
    "1,000 sibling care cards inside one": '!!! emergency "x"\n    ' * 1_000,
    "a body of 200 KB": "Words. " * 30_000,
    "25,000 headings with no blank line between them": "# h\n" * 25_000,
    "25,000 rules": "***\n" * 25_000,
    "2,000 long rules": ("* " * 24 + "*\n") * 2_000,
    "16,000 underlined headings": "a\n=\n" * 16_000,
    "50,000 emphasis marks in a row": "*_" * 25_000,
    "290 links to one article": "[[multiple-sclerosis]] " * 290,
}


def at_once(work):
    """work()'s result, failing the test if it takes longer than BOUND (an alarm in this
    thread: the test database is this thread's)."""

    def too_long(signum, frame):
        raise AssertionError(f"still working after {BOUND} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.setitimer(signal.ITIMER_REAL, BOUND)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_body_is_saved_or_refused_at_once_with_a_clear_message(editor_client, body):
    article = Article.objects.get(slug="twitching-in-the-shoulder")
    data = article_form_data(article, body=body)
    response = at_once(lambda: editor_client.post(CHANGE.format(pk=article.pk), data))
    saved = Article.objects.get(pk=article.pk).body
    if response.status_code == 302:
        assert saved == body.strip()
    else:
        assert response.status_code == 200
        assert "errornote" in response.content.decode()  # the form again, saying why
        assert saved == article.body


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("[ " * 2_500, "2,500 square brackets"),
        ("".join("    " * depth + '!!! note "Note"\n' for depth in range(20)), "nested 19 deep"),
        ("- " * 12 + "An item", "nested 12 deep"),
        ("Words. " * 30_000, "may be at most 100,000"),
        ("Intro.\n\n" + "- An item\n" * 101, "From line 3, 101 lines follow each other"),
        ("A line.\n\n" * 1_002, "2,003 lines; it may have at most 2,000"),
        ("*a* " * 1_001, "2,002 of the marks * _ ` and \\; it may have at most 2,000"),
        ("[[multiple-sclerosis]] " * 400, "at most 300"),
    ],
    ids=["brackets", "nesting", "lists", "size", "block", "lines", "marks", "links"],
)
def test_past_a_cap_the_editor_is_told_which_and_nothing_is_saved(editor_client, body, says):
    article = Article.objects.get(slug="twitching-in-the-shoulder")
    response = editor_client.post(
        CHANGE.format(pk=article.pk), article_form_data(article, body=body)
    )
    assert response.status_code == 200
    assert says in response.content.decode()
    assert Article.objects.get(pk=article.pk).body == article.body


@pytest.mark.parametrize("text", ["[" * 10_000, "[[a|" * 2_500, "[" * 3_000 + "]" * 3_000])
def test_rendering_brackets_takes_no_longer_than_reading_them(text):
    rendered = at_once(lambda: rendering.render(text, resolve_article_link))
    assert rendered.html.startswith("<p>")


def test_markdown_links_still_render_with_brackets_inside_them():
    html = rendering.render("[a [nested] link](https://example.org/)", resolve_article_link).html
    assert '<a href="https://example.org/"' in html and "a [nested] link</a>" in html


def compare_page(client, article, first, second) -> str:
    return at_once(
        lambda: client.get(
            f"/admin/articles/article/{article.pk}/compare/",
            {"from": first.history_id, "to": second.history_id},
        )
    ).content.decode()


def test_comparing_two_versions_as_long_as_the_caps_allow_is_done_at_once(
    editor_client, make_article
):
    # Lines that repeat: difflib without its popular-line heuristic took 11 s on 1,000.
    article = make_article(slug="long-one", body="\n\n".join(["x"] * 1_000))
    first = article.history.first()
    article.body = "\n\n".join("x" if n % 2 else "y" for n in range(1_000))
    services.article_save(article=article, user=None)
    second = Article.objects.get(pk=article.pk).history.first()
    page = compare_page(editor_client, article, first, second)
    assert '<ins><span class="visually-hidden">Added: </span>y</ins>' in page


def test_comparing_two_huge_versions_says_they_are_too_large(editor_client, make_article):
    # Versions saved before the caps, as the model saves them without validating.
    article = make_article(slug="long-one")
    article.body = "\n".join(f"a{n % 3}" for n in range(3_000))
    article.save()
    first = article.history.first()
    article.body = "\n".join(f"a{n % 7}" for n in range(3_000))
    article.save()
    second = article.history.first()
    assert "too large to compare here" in compare_page(editor_client, article, first, second)


@pytest.mark.parametrize("lookup", ["body__regex", "title__iregex", "summary__regex"])
def test_pattern_filters_in_the_admin_address_bar_are_refused(lookup):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    viewer = get_user_model().objects.create_user(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_article"))
    client = Client(raise_request_exception=False)
    client.force_login(viewer)
    response = client.get("/admin/articles/article/", {lookup: "^(a+)+$"})
    assert response.status_code == 400
    assert client.get("/admin/articles/article/", {"status": "published"}).status_code == 200


def test_a_sign_off_renders_the_page_signed_off_not_the_pages_that_link_to_it(
    make_article, editor, monkeypatch
):
    target = make_article(slug="linked-to")
    for n in range(3):
        make_article(slug=f"linker-{n}", body="See [[linked-to]].", status=Article.Status.DRAFT)
    rendered = []
    real = Article.render
    monkeypatch.setattr(Article, "render", lambda self: rendered.append(self.slug) or real(self))
    services.article_sign_off(article=target, reviewer=editor)
    assert set(rendered) == {"linked-to"}
    # A new title does reach them.
    target.title = "A new title"
    services.article_save(article=target, user=editor)
    assert {f"linker-{n}" for n in range(3)} <= set(rendered)
