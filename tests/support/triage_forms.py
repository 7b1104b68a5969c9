"""Filling in the symptom check as a browser would: get the form, then post it."""

import re

from django.test import Client

FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{32})"')

STEP_ONE = {"age": "16_or_over", "emergency": ["none"]}
# Every answer of a whole check, as a post with no step sends them.
VALID = {
    **STEP_ONE,
    "location": ["shoulder"],
    "duration": "under_2_weeks",
    "frequency": "now_and_then",
    "triggers": ["caffeine"],
    "symptoms": ["none"],
}


def form_key(client: Client) -> str:
    return FORM_KEY.search(client.get("/triage/").content.decode()).group(1)


def post(client: Client, answers: dict, key: str | None = None, step: int | None = None, **extra):
    data = {"form_key": key or form_key(client), **answers}
    if step is not None:
        data["step"] = str(step)
    return client.post("/triage/", data, **extra)


def hidden_fields(html: str) -> list[tuple[str, str]]:
    """The (name, value) pairs a page carries in hidden fields, in order."""
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
