"""What each outcome page says: the contacts, sources, advice, safety nets, articles and the
summary for a GP."""

import re
from pathlib import Path

import pytest

from articles import services
from articles.models import Article
from support.pages import elements_of, main_text
from support.triage_forms import VALID, post
from triage.rules import RULES_VERSION

pytestmark = pytest.mark.django_db


def outcome(client, changes=None, step=2) -> str:
    return post(client, VALID | (changes or {}), step=step).content.decode()


def tel_links(html: str) -> list[str]:
    return [
        a["href"]
        for tag, a in elements_of(html)
        if tag == "a" and a.get("href", "").startswith("tel:")
    ]


def read_more(html: str) -> list[str]:
    section = html[html.index('id="read-more-heading"') :]
    section = section[: section.index("</section>")]
    return re.findall(r'<a href="/articles/([^/]+)/">', section)


def test_the_emergency_outcome_has_a_call_button_and_nothing_to_put_off_calling(client):
    html = post(client, {"age": "16_or_over", "emergency": ["sudden_severe_headache"]}, step=1)
    html = html.content.decode()
    assert 'class="button-link button-link--call" href="tel:112">Call 112</a>' in html
    text = main_text(html)
    for absent in ("Things you can do", "Read more", "For your GP", "Print or save", "Ctrl"):
        assert absent not in text


def test_the_emergency_number_is_a_tel_link_everywhere_it_is_shown(client, settings):
    settings.EMERGENCY_NUMBER = "999"
    for html in (
        client.get("/").content.decode(),
        client.get("/triage/").content.decode(),
        outcome(client),
        post(client, {"age": "16_or_over", "emergency": ["seizure"]}, step=1).content.decode(),
    ):
        assert "tel:999" in tel_links(html)
        shown = html.count(">999<")
        assert shown == html.count('href="tel:999">999<'), "every 999 shown is a link"


def test_heatstroke_gets_while_you_wait_cooling_advice(client):
    html = post(client, {"age": "16_or_over", "emergency": ["heatstroke_signs"]}, step=1)
    text = main_text(html.content.decode())
    assert "While you wait for help" in text and "Keep cooling down" in text


def test_the_urgent_outcome_names_the_operators_urgent_care_contact(client, settings):
    settings.URGENT_CARE_CONTACT = "NHS 111 (call 111)"
    text = main_text(outcome(client, {"symptoms": ["fever"]}))
    assert "Get help today from NHS 111 (call 111)." in text
    settings.URGENT_CARE_CONTACT = "your GP surgery, or an out-of-hours service if it is closed"
    routine = main_text(outcome(client, {"symptoms": ["weakness"]}))
    assert (
        "If you get any of these, get help today from your GP surgery, or an out-of-hours"
        in routine
    )


def test_the_under_5_outcome_says_what_to_do_and_when_to_call_for_a_baby_or_toddler(client):
    html = post(client, {"age": "under_5", "emergency": ["none"]}, step=1).content.decode()
    text = main_text(html)
    assert "This check cannot assess children under 5" in text
    assert "Get advice today by phone from your GP surgery" in text
    assert "Call 112 now if they:" in text
    assert "have a fit for the first time, even if they seem to recover" in text
    assert "Where is the twitching?" not in text


def test_low_blood_sugar_leads_with_how_to_treat_it(client):
    html = outcome(client, {"symptoms": ["low_blood_sugar"]})
    text = main_text(html)
    assert text.index("Treat low blood sugar now") < text.index("Get medical help today")
    assert "Have a sugary drink or sweets now." in text
    assert "Check again after 10 to 15 minutes." in text


def test_each_reason_names_its_sources_and_links_those_with_an_address(client):
    html = outcome(client, {"symptoms": ["worry", "pain_at_site"]})
    assert '<a href="https://www.nhs.uk/mental-health/conditions/health-anxiety/">' in html
    assert "Seed article 003, &quot;Twitching in the stomach&quot;" in html  # named, no address
    assert "Sources: Sheffield Health and Social Care NHS FT" in main_text(html)


def test_worry_shows_the_urgent_mental_health_contacts(client):
    text = main_text(outcome(client, {"symptoms": ["worry"]}))
    assert "call 111 and choose the mental health option (option 2)" in text
    assert "Samaritans on 116 123" in text


def test_safety_advice_shows_at_urgent_but_reassurance_does_not(client):
    text = main_text(
        outcome(client, {"symptoms": ["fever"], "triggers": ["prescribed_medicine", "caffeine"]})
    )
    assert "Do not stop taking a prescribed medicine" in text
    assert "very rarely" not in text and "tea or coffee" not in text


def test_get_help_sooner_lists_leave_out_what_was_reported(client):
    self_care = main_text(outcome(client))
    assert "See a GP if: the twitching lasts more than 2 weeks" in self_care
    cramps = main_text(outcome(client, {"symptoms": ["long_cramps", "cramps"]}))
    assert "See a GP if cramps: come with numbness or swelling Source" in cramps


def test_the_page_says_plainly_that_the_check_cannot_examine_you(client):
    text = main_text(outcome(client))
    assert "This check cannot examine you." in text
    assert (
        "We will tell you" not in text
        and "We will tell you" not in client.get("/triage/").content.decode()
    )


def test_the_summary_for_a_gp_gives_the_answers_result_date_and_rules_version(client):
    html = outcome(client, {"symptoms": ["weakness", "cramps"], "duration": "over_3_months"})
    box = main_text(html)
    box = box[box.index("For your GP") : box.index("Print or save")]
    assert RULES_VERSION in box
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d", box)
    assert "See a GP: Make an appointment with a GP" in box
    for words in ("16 or over", "shoulder", "more than 3 months", "caffeine",
                  "weakness anywhere; muscle cramps"):  # fmt: skip
        assert words in box


def test_the_print_hint_names_no_keyboard_shortcut_on_small_screens(client):
    html = outcome(client)
    assert '<span class="wide-screens-only"> (Ctrl + P' in html
    css = (Path(__file__).parent.parent / "static" / "css" / "site.css").read_text()
    assert re.search(
        r"@media \(max-width: 40em\) \{\s*\.wide-screens-only \{ display: none; \}", css
    )


# --- Articles ---------------------------------------------------------------------------


def test_articles_are_those_that_apply_in_order_at_most_three(client):
    html = outcome(
        client,
        {
            "location": ["eyelid", "shoulder"],
            "symptoms": ["worry", "uncontrolled_sounds", "cramps"],
        },
    )
    assert read_more(html) == ["health-anxiety", "tics-and-tourettes-syndrome", "muscle-cramps"]


def test_unpublished_articles_are_left_out_and_the_next_one_shown(client):
    Article.objects.filter(slug="health-anxiety").update(status=Article.Status.DRAFT)
    html = outcome(client, {"location": ["stomach"], "symptoms": ["worry"]})
    assert read_more(html) == ["twitching-in-the-stomach"]


def test_articles_are_found_through_their_old_addresses(client):
    stomach = Article.objects.get(slug="twitching-in-the-stomach")
    stomach.slug = "stomach-twitching"
    services.article_save(article=stomach, user=None)
    html = outcome(client, {"location": ["stomach"]})
    assert read_more(html) == ["stomach-twitching"]


def test_article_summaries_are_left_out_where_the_outcome_may_not_reassure(client):
    reassuring = main_text(outcome(client))
    assert Article.objects.get(slug="twitching-in-the-shoulder").summary in reassuring
    weak_and_thin = main_text(outcome(client, {"symptoms": ["weakness", "muscle_wasting"]}))
    assert "Twitching in the shoulder" in weak_and_thin
    assert Article.objects.get(slug="twitching-in-the-shoulder").summary not in weak_and_thin


def test_a_printed_outcome_says_where_it_came_from_without_any_answer(client):
    from support.triage_forms import VALID, post

    html = post(client, VALID).content.decode()
    source = html.split('class="print-only print-source">', 1)[1].split("</p>", 1)[0]
    assert source.startswith("Printed from Twitch, http://testserver/triage/, on ")
    assert "shoulder" not in source and "?" not in source
