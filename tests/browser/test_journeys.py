"""What readers and editors do, in a real browser: with a mouse, a keyboard, or no JavaScript."""

import pytest

from articles.models import Article
from support.browser import answer_step_one, fill_in_symptom_check, log_in_as_editor, submit
from triage.models import Submission

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_reader_goes_from_home_to_an_article_to_ms_to_als_and_home(page):
    page.goto("/")
    page.click("main >> text=Twitching in the stomach")
    assert page.locator("h1").inner_text() == "Twitching in the stomach"
    page.click(".article-body >> text=multiple sclerosis")  # the link in the text
    assert page.locator("h1").inner_text() == "Multiple sclerosis (MS)"
    page.click(".related >> text=Amyotrophic lateral sclerosis (ALS)")
    assert page.locator("h1").inner_text() == "Amyotrophic lateral sclerosis (ALS)"
    page.click(".breadcrumbs >> text=Home")
    assert page.locator("h1").inner_text() == "Muscle twitching: what it means and when to get help"


def focused_outline(page) -> str:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }"
    )


def tab_to(page, wanted, limit: int = 200) -> list:
    """Tab forward until `wanted(element)` holds; every focused control on the way shows
    its focus. Returns the element as [tag, name, value, in main]."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = page.evaluate(
            "() => [document.activeElement.tagName, document.activeElement.name || '',"
            " document.activeElement.value || '', !!document.activeElement.closest('main')]"
        )
        if element[0] in {"INPUT", "BUTTON", "A"}:
            style = focused_outline(page)
            assert "none" not in style.split()[0] or "rgb" in style, (element, style)
        if wanted(element):
            return element
    raise AssertionError("never reached")


def test_symptom_check_with_the_keyboard_alone_reaches_an_outcome(page):
    page.goto("/triage/")
    tab_to(page, lambda e: e[:2] == ["INPUT", "age"])
    page.keyboard.press("ArrowDown")  # radios: the arrows choose; "16 or over" is the third
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == "16_or_over"
    tab_to(page, lambda e: e[1] == "emergency" and e[2] == "none")
    page.keyboard.press("Space")
    tab_to(page, lambda e: e[0] == "BUTTON" and e[3])  # not the header's search button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "About the twitching"

    seen = set()
    for name, value in [("location", "eyelid"), ("duration", "under_2_weeks"),
                        ("frequency", "now_and_then"), ("symptoms", "none")]:  # fmt: skip
        tab_to(page, lambda e, name=name, value=value: e[1] == name and e[2] == value)
        page.keyboard.press("Space")
        seen.add(name)
    tab_to(page, lambda e: e[0] == "BUTTON" and e[3])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator('[data-level="self_care"]').count() == 1
    assert Submission.objects.get().answers["location"] == ["eyelid"]


@pytest.mark.parametrize(("step", "links"), [(1, 2), (2, 4)])
def test_errors_go_to_a_summary_that_takes_focus_and_links_to_each_field(page, step, links):
    if step == 1:
        page.goto("/triage/")
    else:
        answer_step_one(page)
    page.click("main button[type=submit] >> nth=0")
    assert page.title().startswith("Error: ")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    found = page.locator(".error-summary__list a")
    assert found.count() == links
    for i in range(found.count()):
        target = found.nth(i).get_attribute("href").lstrip("#")
        found.nth(i).click()
        assert page.evaluate("() => document.activeElement.id") == target


def test_without_javascript_every_page_and_the_whole_check_work(no_js_page):
    page = no_js_page
    for url in ["/", "/articles/", "/articles/multiple-sclerosis/", "/privacy/"]:
        assert page.goto(url).status == 200
    page.goto("/triage/")
    submit(page)
    assert page.locator(".error-summary").count() == 1
    fill_in_symptom_check(page, "weakness")
    assert page.locator('[data-level="routine"]').count() == 1
    assert Submission.objects.count() == 1
    with page.expect_navigation():
        page.click("text=Change your answers")  # back to step 2, as ticked
    assert page.locator("input[name=symptoms][value=weakness]").is_checked()
    with page.expect_navigation():
        page.click("text=Change your answers before we started")
    assert page.locator("input[name=age][value='16_or_over']").is_checked()
    page.uncheck("input[name=emergency][value=none]")
    page.check("input[name=emergency][value=heart_attack_signs]")
    submit(page)
    assert page.locator('[data-level="emergency"]').count() == 1
    assert page.locator("a.button-link--call[href^='tel:']").count() == 1
    assert Submission.objects.count() == 2


def test_a_safety_concern_can_be_reported_with_javascript_off(no_js_page):
    from triage.models import SafetyConcern

    page = no_js_page
    fill_in_symptom_check(page, "weakness")
    with page.expect_navigation():
        page.click("text=Report a safety concern")
    assert page.locator("h1").inner_text() == "Report a safety concern"
    with page.expect_navigation():
        page.click("button[name=send]")  # nothing chosen
    assert page.locator(".error-summary").count() == 1
    page.check("input[name=category][value=confusing_question]")
    with page.expect_navigation():
        page.click("button[name=send]")
    assert page.locator("h1").inner_text() == "Thank you for telling us"
    concern = SafetyConcern.objects.get()
    assert (concern.category, concern.level) == ("confusing_question", "routine")
    assert Submission.objects.count() == 1  # the check, stored once


def test_refreshing_the_outcome_page_stores_no_second_check(page):
    fill_in_symptom_check(page)
    assert Submission.objects.count() == 1
    page.reload()  # re-posts the form
    assert page.locator('[data-level="self_care"]').count() == 1
    assert Submission.objects.count() == 1


def test_editor_logs_in_edits_a_body_and_sees_it_on_the_page(page, editor):
    article = Article.objects.get(slug="multiple-sclerosis")
    log_in_as_editor(page)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.fill("#id_body", article.body + "\n\nA sentence added in the browser.\n")
    page.click("input[name=_save]")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()
    page.goto(article.get_absolute_url())
    assert page.locator("text=A sentence added in the browser.").count() == 1


def test_editor_saves_a_pending_draft_previews_it_and_publishes_it_after_sign_off(page, editor):
    article = Article.objects.get(slug="multiple-sclerosis")
    log_in_as_editor(page)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.fill("#id_body", article.body + "\n\nA pending sentence from the browser.\n")
    page.click("input[name=_save_draft]")
    assert "Saved as a pending draft" in page.locator(".messagelist").inner_text()

    # The public does not see it yet; the staff preview does, marked as a preview.
    public = page.context.browser.new_page(base_url=page.url.split("/admin/")[0])
    public.goto(article.get_absolute_url())
    assert public.locator("text=A pending sentence from the browser.").count() == 0
    page.click("text=Preview the page with these changes")
    assert page.title().startswith("Preview: ")
    assert page.locator("text=A pending sentence from the browser.").count() == 1

    page.go_back()
    page.click("text=sign them off and publish them")
    assert page.locator("ins", has_text="A pending sentence from the browser.").count() == 1
    page.click("input[value='Sign off and publish']")
    assert "Signed off and published" in page.locator(".messagelist").inner_text()

    public.reload()
    assert public.locator("text=A pending sentence from the browser.").count() == 1
    public.close()


def test_feedback_on_an_article_and_an_outcome_with_the_keyboard_alone_and_no_javascript(
    no_js_page,
):
    from feedback.models import Feedback

    page = no_js_page
    page.goto("/articles/multiple-sclerosis/")
    tab_to(page, lambda element: element[1:3] == ["useful", "no"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Why was the page not useful?"
    tab_to(page, lambda element: element[1] == "reason")
    page.keyboard.press("Space")  # the first reason
    tab_to(page, lambda element: element[1] == "send")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    tab_to(page, lambda element: element[0] == "A" and element[3])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/articles/multiple-sclerosis/#feedback")

    fill_in_symptom_check(page, "weakness")
    tab_to(page, lambda element: element[1:3] == ["useful", "yes"])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    stored = sorted(Feedback.objects.values_list("kind", "useful", "reason"))
    assert stored == [("article", False, "hard_to_understand"), ("outcome", True, "")]


def test_readers_feedback_shows_as_real_counts_in_the_review_pack(page, editor):
    from support.browser import axe_violations

    article = Article.objects.get(slug="multiple-sclerosis")
    for answer in ("yes", "yes", "no"):
        page.goto("/articles/multiple-sclerosis/")
        with page.expect_navigation():
            page.click(f"#feedback button[value={answer}]")
        if answer == "no":
            page.check("input[name=reason][value=missing]")
            with page.expect_navigation():
                page.click("button[name=send]")
        assert page.locator("h1").inner_text() == "Thank you for your feedback"
    log_in_as_editor(page)
    page.goto("/admin/articles/article/reviews-due/")
    page.goto(f"/admin/articles/article/{article.pk}/review/")
    row = page.locator("#feedback-by-version tbody tr").first
    assert row.locator("td").all_inner_texts() == ["2", "1"]
    assert "Something I needed was missing: 1" in page.locator("#content-main").inner_text()
    assert axe_violations(page) == []
