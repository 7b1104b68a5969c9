"""Filling in the symptom check as a browser would: get the form, then post it."""

import re

from django.test import Client

FORM_KEY = re.compile(r'name="form_key" value="([0-9a-f]{32})"')

VALID = {
    "location": ["shoulder"],
    "duration": "under_2_weeks",
    "frequency": "now_and_then",
    "triggers": ["caffeine"],
    "symptoms": ["none"],
}


def form_key(client: Client) -> str:
    return FORM_KEY.search(client.get("/triage/").content.decode()).group(1)


def post(client: Client, answers: dict, key: str | None = None, **extra):
    data = {"form_key": key or form_key(client), **answers}
    return client.post("/triage/", data, **extra)
