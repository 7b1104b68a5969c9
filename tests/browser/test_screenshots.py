"""`make screenshots`: pictures of the main pages at phone and desktop widths, for the README."""

from pathlib import Path

import pytest

from support.browser import answer_step_one, fill_in_symptom_check, submit

pytestmark = [pytest.mark.browser, pytest.mark.screenshots, pytest.mark.django_db(transaction=True)]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"phone": 360, "desktop": 1280}


def show_errors(page) -> None:
    page.goto("/triage/")
    submit(page)


SCENES = {
    "home": lambda page: page.goto("/"),
    "article": lambda page: page.goto("/articles/twitching-in-the-stomach/"),
    "triage-errors": show_errors,
    "triage-step-2": answer_step_one,
    "outcome": lambda page: fill_in_symptom_check(page, "weakness"),
}


@pytest.mark.parametrize("device", WIDTHS)
@pytest.mark.parametrize("scene", SCENES)
def test_save_screenshot(page, scene, device):
    OUT.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": WIDTHS[device], "height": 900})
    SCENES[scene](page)
    path = OUT / f"{scene}-{device}.png"
    page.screenshot(path=path)
    assert path.stat().st_size > 5_000
