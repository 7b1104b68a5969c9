"""What a person does in the browser, shared by the browser tests."""

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
_axe = Axe()


def axe_violations(page) -> list[tuple[str, list]]:
    result = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]


def submit(page) -> None:
    """Press the page's main button (Continue, or See the result) and wait for the next page."""
    with page.expect_navigation():
        page.click("main button[type=submit] >> nth=0")


def answer_step_one(page, *, age: str = "16_or_over", emergency: str = "none") -> None:
    page.goto("/triage/")
    page.check(f"input[name=age][value='{age}']")
    page.check(f"input[name=emergency][value='{emergency}']")
    submit(page)


def fill_in_symptom_check(page, symptom: str = "none", **step_one: str) -> None:
    """Both steps, or step 1 alone when its answers end the check."""
    answer_step_one(page, **step_one)
    if page.locator("input[name=location]").count() == 0:
        return
    page.check("#location-3")  # shoulder
    page.check("#duration-1")
    page.check("#frequency-1")
    page.check(f"input[name=symptoms][value='{symptom}']")
    submit(page)


def log_in_as_editor(page) -> None:
    """Log in to the admin as the `editor` fixture's user."""
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
