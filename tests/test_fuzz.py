"""Random and malformed requests to every URL: never a 5xx, never a row from an invalid post.

A few hundred examples run in `make test`; `make fuzz` runs many thousands
(HYPOTHESIS_PROFILE=fuzz).
"""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.models import Submission
from triage.rules import QUESTIONS, QUESTIONS_BY_NAME

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

URLS = ["/", "/articles/", "/articles/multiple-sclerosis/", "/articles/nope/", "/triage/",
        "/privacy/", "/healthz", "/admin/login/", "/no/such/path", "/static/css/site.css",
        ]  # fmt: skip
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
FIELD_NAMES = [q.name for q in QUESTIONS] + ["form_key", "website", "csrfmiddlewaretoken",
                                              "step", "change"]  # fmt: skip
ALL_VALUES = [c.value for q in QUESTIONS for c in q.choices]
FORM_KEY_RE = re.compile(r"^[0-9a-f]{32}$")
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

nasty_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(ALL_VALUES),
    st.sampled_from(
        ["", "\x00", "none", "a" * 5000, "%00", "<script>", "' OR 1=1 --", "ﬁ", "1", "2"]
    ),
    st.from_regex(FORM_KEY_RE, fullmatch=True),
)
field_name = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=20))
form_bodies = st.dictionaries(field_name, st.lists(nasty_text, min_size=0, max_size=4), max_size=8)


def honeypot_filled(data: dict[str, list[str]]) -> bool:
    return bool(data.get("website", [""])[-1].strip())  # Django strips what is sent


def _answer_ok(question, raw: list[str], *, required: bool) -> bool:
    """Whether one question's posted values are a valid answer (an oracle written apart
    from the form and the engine)."""
    if not question.multiple:
        if len(raw) > 1:
            return False
        value = raw[0] if raw else ""
        return value in question.values if value else not required
    if not raw:
        return not required
    if any(v not in question.values for v in raw) or len(set(raw)) != len(raw):
        return False
    return not (question.exclusive in raw and len(raw) > 1)


def is_valid_submission(data: dict[str, list[str]]) -> bool:
    """What a post must be to get an outcome and a stored check."""
    if set(data) - set(FIELD_NAMES) or len(data.get("website", [])) > 1 or "change" in data:
        return False
    keys = data.get("form_key", [])
    if len(keys) != 1 or not FORM_KEY_RE.match(keys[0]):
        return False
    step_one = [q for q in QUESTIONS if q.step == 1]
    if not all(_answer_ok(q, data.get(q.name, []), required=True) for q in step_one):
        return False
    age, signs = data["age"][0], set(data["emergency"])
    ends = age == "under_5" or signs != {"none"}
    if data.get("step", [""])[-1] == "1":
        return ends
    step_two = [q for q in QUESTIONS if q.step == 2]
    return all(
        _answer_ok(q, data.get(q.name, []), required=q.required and not ends) for q in step_two
    )


@pytest.fixture
def fuzz_client(settings, limit):
    limit("triage", 10**9)
    return Client(raise_request_exception=False)


@FUZZ
@given(url=st.sampled_from(URLS), method=st.sampled_from(METHODS), data=form_bodies)
def test_random_form_bodies_never_cause_a_server_error(fuzz_client, url, method, data):
    before = Submission.objects.count()
    response = fuzz_client.generic(
        method, url, _urlencode(data), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500
    stored = Submission.objects.count() - before
    if stored:
        assert url == "/triage/" and method == "POST", data
        assert is_valid_submission(data) and not honeypot_filled(data), data


@FUZZ
@given(
    url=st.sampled_from(URLS),
    method=st.sampled_from(METHODS),
    body=st.binary(max_size=2000),
    content_type=st.sampled_from([
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=xx",
        "multipart/form-data", "application/json", "text/plain; charset=utf-8",
        "application/x-www-form-urlencoded; charset=bogus", "",
    ]),
)  # fmt: skip
def test_broken_bodies_and_encodings_never_cause_a_server_error(
    fuzz_client, url, method, body, content_type
):
    before = Submission.objects.count()
    response = fuzz_client.generic(method, url, body, content_type=content_type)
    assert response.status_code < 500
    assert Submission.objects.count() == before


@FUZZ
@given(
    answers=st.fixed_dictionaries(
        {
            q.name: st.lists(st.sampled_from(q.values), max_size=3)
            if q.multiple
            else st.lists(st.sampled_from(q.values), min_size=0, max_size=2)
            for q in QUESTIONS
        }
    ),
    key=st.one_of(st.from_regex(FORM_KEY_RE, fullmatch=True), st.text(max_size=40)),
    extra=st.dictionaries(
        st.sampled_from(["name", "email", "notes", "website", "change"]),
        st.lists(st.text(max_size=10), min_size=1, max_size=1),
        max_size=1,
    ),
    step=st.sampled_from([None, "1", "2"]),
)
def test_near_valid_triage_posts_store_a_row_exactly_when_valid(
    fuzz_client, answers, key, extra, step
):
    data = {name: values for name, values in answers.items() if values}
    data |= {"form_key": [key]} | extra | ({"step": [step]} if step else {})
    before = Submission.objects.count()
    # (PostgreSQL refuses a NUL in a query, so only look up keys that could be stored.)
    seen_before = bool(FORM_KEY_RE.match(key)) and Submission.objects.filter(form_key=key).exists()
    response = fuzz_client.post("/triage/", data)
    assert response.status_code == 200
    stored = Submission.objects.count() - before
    if is_valid_submission(data):
        assert "Your result" in response.content.decode()
        if honeypot_filled(data):
            assert stored == 0
        elif seen_before:  # stored again only if these answers are new for this key
            assert stored in (0, 1)
        else:
            assert stored == 1
    else:
        assert stored == 0
        page = response.content.decode()  # the errors, the next step, or a step to change
        assert "There is a problem" in page or "Check your symptoms: step" in page


def _urlencode(data: dict[str, list[str]]) -> str:
    return urlencode([(k, v) for k, values in data.items() for v in values])


def test_the_oracle_agrees_with_the_rules_on_a_known_valid_post():
    data = {"form_key": ["0" * 32], "age": ["16_or_over"], "emergency": ["none"],
            "location": ["face"], "duration": ["under_2_weeks"], "frequency": ["now_and_then"],
            "symptoms": ["none"]}  # fmt: skip
    assert is_valid_submission(data)
    assert not is_valid_submission(data | {"symptoms": ["none", "cramps"]})
    assert not is_valid_submission(data | {"step": ["1"]})  # on to step 2, nothing stored
    assert not is_valid_submission(data | {"change": ["2"]})
    ended = {"form_key": ["0" * 32], "age": ["under_5"], "emergency": ["none"], "step": ["1"]}
    assert is_valid_submission(ended)
    assert QUESTIONS_BY_NAME["symptoms"].exclusive == "none"
