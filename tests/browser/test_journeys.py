"""What readers and editors do, in a real browser: with a mouse, a keyboard, or no JavaScript."""

import pytest

from articles.models import Article
from browser_helpers import fill_in_symptom_check, log_in_as_editor
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


def test_symptom_check_with_the_keyboard_alone_reaches_an_outcome(page):
    page.goto("/triage/")
    seen = set()
    for _ in range(200):  # Tab through the page; tick the first box of each question
        page.keyboard.press("Tab")
        element = page.evaluate(
            "() => [document.activeElement.tagName, document.activeElement.name || '',"
            " document.activeElement.type || '', !!document.activeElement.closest('main')]"
        )
        tag, name, _, in_main = element
        if tag in {"INPUT", "BUTTON", "A"}:
            style = focused_outline(page)
            assert "none" not in style.split()[0] or "rgb" in style, (element, style)
        if tag == "INPUT" and name in {"location", "duration", "frequency", "symptoms"} - seen:
            if name == "symptoms":  # "None of these" is the last box
                while page.evaluate("() => document.activeElement.value") != "none":
                    page.keyboard.press("Tab")
            page.keyboard.press("Space")
            seen.add(name)
        if tag == "BUTTON" and in_main:  # not the header's search button
            page.keyboard.press("Enter")
            break
    page.wait_for_selector("[data-level]")
    assert page.locator('[data-level="self_care"]').count() == 1
    assert seen == {"location", "duration", "frequency", "symptoms"}


def test_errors_go_to_a_summary_that_takes_focus_and_links_to_each_field(page):
    page.goto("/triage/")
    page.click("main button[type=submit]")
    assert page.title().startswith("Error: ")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    links = page.locator(".error-summary__list a")
    assert links.count() == 4
    for i in range(links.count()):
        target = links.nth(i).get_attribute("href").lstrip("#")
        links.nth(i).click()
        assert page.evaluate("() => document.activeElement.id") == target


def test_without_javascript_every_page_and_the_whole_check_work(no_js_page):
    page = no_js_page
    for url in ["/", "/articles/", "/articles/multiple-sclerosis/", "/privacy/"]:
        assert page.goto(url).status == 200
    page.goto("/triage/")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary").count() == 1
    fill_in_symptom_check(page, "weakness")
    assert page.locator('[data-level="routine"]').count() == 1
    assert Submission.objects.count() == 1


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
