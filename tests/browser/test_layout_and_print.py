"""Small and large screens, zoomed text, print, and page weight."""

import pytest

from support.browser import answer_step_one, fill_in_symptom_check
from support.pages import SLUGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PUBLIC = ["/", "/articles/", *[f"/articles/{slug}/" for slug in SLUGS], "/triage/", "/privacy/",
          "/search/?q=twitching"]  # fmt: skip


def scrolls_sideways(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("zoom", ["100%", "200%"])
def test_no_page_scrolls_sideways(page, width, zoom):
    page.set_viewport_size({"width": width, "height": 900})
    for url in PUBLIC:
        page.goto(url)
        page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{zoom}'; }}")
        assert not scrolls_sideways(page), (url, width, zoom)


def test_the_outcome_prints_without_navigation_with_advice_date_and_the_summary_for_a_gp(page):
    fill_in_symptom_check(page, "weakness")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator(".outcome").is_visible()
    assert page.locator(".checked-on").is_visible()
    assert page.locator("#answers-heading").is_visible()
    assert page.locator(".gp-summary").is_visible()
    assert not page.locator("text=Change your answers").is_visible()


def each_page_of_the_check(page):
    """Step 1, step 2 and an outcome of each kind, as a person reaches them."""
    page.goto("/triage/")
    yield "step 1"
    answer_step_one(page)
    yield "step 2"
    for answers in ({"symptom": "weakness"}, {"symptom": "low_blood_sugar"},
                    {"age": "under_5"}, {"emergency": "heatstroke_signs"}):  # fmt: skip
        fill_in_symptom_check(page, **answers)
        yield str(answers)


@pytest.mark.parametrize("width", [320, 1280])
def test_every_step_and_outcome_fits_the_screen_at_200_percent_text(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for where in each_page_of_the_check(page):
        for zoom in ("100%", "200%"):
            page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{zoom}'; }}")
            assert not scrolls_sideways(page), (where, zoom)
            assert page.evaluate(OVERLAPS) == [], (where, zoom)


@pytest.mark.parametrize("width", [320, 1280])
def test_the_safety_concern_and_switched_off_pages_fit_the_screen_at_200_percent_text(
    page, settings, width
):
    page.set_viewport_size({"width": width, "height": 900})

    def fits(where):
        for zoom in ("100%", "200%"):
            page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{zoom}'; }}")
            assert not scrolls_sideways(page), (where, zoom)
            assert page.evaluate(OVERLAPS) == [], (where, zoom)

    fill_in_symptom_check(page, "weakness")
    with page.expect_navigation():
        page.click("text=Report a safety concern")
    fits("the concern form")
    settings.TRIAGE_ENABLED = False
    page.goto("/triage/")
    fits("switched off")


@pytest.mark.parametrize("url", ["/admin/triage/rules/", "/admin/triage/submission/statistics/"])
def test_the_rules_and_statistics_pages_fit_a_320_px_screen(page, editor, url):
    from support.browser import log_in_as_editor

    log_in_as_editor(page)
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(url)
    assert not scrolls_sideways(page), url


@pytest.mark.parametrize(("width", "shown"), [(320, False), (1280, True)])
def test_the_keyboard_shortcut_for_printing_is_named_only_on_wide_screens(page, width, shown):
    page.set_viewport_size({"width": width, "height": 900})
    fill_in_symptom_check(page)
    assert page.locator("text=Print or save this page").is_visible()
    assert page.locator(".wide-screens-only").is_visible() is shown


def test_articles_print_without_navigation(page):
    page.goto(f"/articles/{SLUGS[0]}/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".breadcrumbs").is_visible()
    assert page.locator(".review-dates").is_visible()


def test_pages_are_light_and_load_nothing_from_elsewhere(page, site):
    requests = []
    page.on("request", lambda request: requests.append(request))
    for url in PUBLIC:
        requests.clear()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert all(r.url.startswith(site) for r in requests), [r.url for r in requests]
        assert not [r for r in requests if r.resource_type == "script"]
        responses = [r.response() for r in requests if r.response()]
        assert all(response.status < 400 for response in responses), [r.url for r in responses]
        size = sum(len(r.body()) for r in responses if r.status < 300)
        assert size < 50_000, (url, size)


OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('main > *, main section > *, .choices__item > *')]
    .filter(e => e.offsetParent !== null && getComputedStyle(e).position !== 'absolute')
    .map(e => [e, e.getBoundingClientRect()]);
  const found = [];
  for (const [a, ra] of boxes) for (const [b, rb] of boxes) {
    if (a === b || a.contains(b) || b.contains(a) || a.parentElement !== b.parentElement) continue;
    const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (x > 1 && y > 1) found.push(`${a.tagName}.${a.className} / ${b.tagName}.${b.className}`);
  }
  for (const item of document.querySelectorAll('.choices__item')) {
    const box = item.querySelector('input').getBoundingClientRect();
    const label = item.querySelector('label').getBoundingClientRect();
    if (box.right > label.left + 1) found.push(`box over its label: ${item.textContent.trim()}`);
  }
  return found;
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_nothing_overlaps_at_200_percent_text(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for url in PUBLIC:
        page.goto(url)
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        assert page.evaluate(OVERLAPS) == [], url
