"""Counts for the statistics page in the admin: weekly levels, shares, choices, and each
rules version's results and safety concerns."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from triage import governance
from triage.models import SafetyConcern, Submission
from triage.rules import (
    AGE,
    EMERGENCY_SIGNS,
    LOCATION,
    STEP_TWO,
    SYMPTOMS,
    CareLevel,
    Choice,
)

WEEKS = 12
LEVELS = list(CareLevel)  # lowest first


@dataclass(frozen=True)
class Week:
    start: date
    counts: dict[str, int]  # level value -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def weekly_levels(today: date | None = None) -> list[Week]:
    today = today or timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS - 1)
    since = timezone.make_aware(datetime.combine(first_monday, time.min))
    rows = (
        Submission.objects.filter(created_hour__gte=since)
        .annotate(week=TruncWeek("created_hour"))
        .values("week", "level")
        .annotate(n=Count("id"))
    )
    by_week: dict[date, dict[str, int]] = {}
    for row in rows:
        week = row["week"]
        week = week.date() if isinstance(week, datetime) else week
        by_week.setdefault(week, {})[row["level"]] = row["n"]
    return [
        Week(
            start=first_monday + timedelta(weeks=i),
            counts={
                level.value: by_week.get(first_monday + timedelta(weeks=i), {}).get(level.value, 0)
                for level in LEVELS
            },
        )
        for i in range(WEEKS)
    ]


def level_shares() -> list[tuple[CareLevel, int, float]]:
    counts = dict(Submission.objects.values_list("level").annotate(n=Count("id")))
    total = sum(counts.values())
    return [
        (
            level,
            counts.get(level.value, 0),
            100 * counts.get(level.value, 0) / total if total else 0,
        )
        for level in LEVELS
    ]


UNDER_5 = "under_5"
# As the engine has it (Assessment.ended_at_step_one): a check stored with no step-2
# answer. First-edition checks always hold them.
ENDED_AT_STEP_ONE = ~Q(answers__has_any_keys=[question.name for question in STEP_TWO])


@dataclass(frozen=True)
class VersionRow:
    """One rules version: its checks by result, with under-5s counted on their own (the
    check does not assess them), the checks that ended at step 1, and safety concerns."""

    version: str
    checks: int
    results: list[tuple[str, int, float]]  # (label, count, share %): each level, then under 5
    ended_at_step_one: int
    concerns: list[int]  # one count per SafetyConcern.Category, in order

    @property
    def concerns_total(self) -> int:
        return sum(self.concerns)


def result_labels() -> list[str]:
    return [*(level.label for level in LEVELS), "Under 5 (not assessed)"]


def by_rules_version() -> list[VersionRow]:
    """Every version with a check or a concern, newest first as the changelog lists them."""
    results: dict[str, Counter] = {}
    exits: Counter = Counter()
    rows = (
        Submission.objects.values("rules_version", "level")
        .annotate(
            n=Count("id"),
            under_5=Count("id", filter=Q(answers__age=UNDER_5)),
            exits=Count("id", filter=ENDED_AT_STEP_ONE),
        )
        .order_by()
    )
    for row in rows:
        counts = results.setdefault(row["rules_version"], Counter())
        counts[row["level"]] += row["n"] - row["under_5"]
        counts[UNDER_5] += row["under_5"]
        exits[row["rules_version"]] += row["exits"]
    concerns: dict[str, Counter] = {}
    for row in SafetyConcern.objects.values("rules_version", "category").annotate(n=Count("id")):
        concerns.setdefault(row["rules_version"], Counter())[row["category"]] = row["n"]
    order = [entry.version for entry in governance.changelog()]
    versions = sorted(
        results.keys() | concerns.keys(),
        key=lambda v: (order.index(v) if v in order else len(order), v),
    )
    table = []
    for version in versions:
        counts = results.get(version, Counter())
        total = sum(counts.values())
        keys = [*(level.value for level in LEVELS), UNDER_5]
        table.append(
            VersionRow(
                version=version,
                checks=total,
                results=[
                    (label, counts[key], 100 * counts[key] / total if total else 0)
                    for label, key in zip(result_labels(), keys, strict=True)
                ],
                ended_at_step_one=exits[version],
                concerns=[
                    concerns.get(version, Counter())[category]
                    for category in SafetyConcern.Category.values
                ],
            )
        )
    return table


COUNTED = (AGE, EMERGENCY_SIGNS, LOCATION, SYMPTOMS)


def choice_counts() -> dict[str, list[tuple[str, int]]]:
    """How often each choice of these questions is chosen, in the order the form asks.

    Retired choices are counted under the question they were asked in, marked as no longer
    asked, so old checks keep their counts.
    """
    counters = {question.name: Counter() for question in COUNTED}
    for answers in Submission.objects.values_list("answers", flat=True).iterator():
        for name, counter in counters.items():
            value = answers.get(name, [])
            counter.update(value if isinstance(value, list) else [value])
    return {
        question.label: [
            (_choice_label(choice), counters[question.name][choice.value])
            for choice in question.choices
            if not choice.retired or counters[question.name][choice.value]
        ]
        for question in COUNTED
    }


def _choice_label(choice: Choice) -> str:
    return f"{choice.label} (no longer asked)" if choice.retired else choice.label


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    colour: str
    label: str


CHART_WIDTH, CHART_HEIGHT, BAR_WIDTH, GAP = 600, 200, 36, 14


def chart_bars(weeks: list[Week]) -> list[Bar]:
    """Stacked bars, one per week, for a server-drawn SVG chart."""
    peak = max((week.total for week in weeks), default=0) or 1
    bars = []
    for i, week in enumerate(weeks):
        x, bottom = 40 + i * (BAR_WIDTH + GAP), CHART_HEIGHT
        for level in LEVELS:
            count = week.counts[level.value]
            if not count:
                continue
            height = max(1, round(count / peak * (CHART_HEIGHT - 20)))
            bottom -= height
            label = f"Week of {week.start:%d %b}: {count} {level.label}"
            bars.append(Bar(x, bottom, height, level.colour, label))
    return bars


def axis_labels(weeks: list[Week]) -> list[tuple[int, str]]:
    return [(40 + i * (BAR_WIDTH + GAP), f"{week.start:%d %b}") for i, week in enumerate(weeks)]


def legend() -> list[tuple[int, str, str]]:
    return [(40 + i * 140, level.colour, level.label) for i, level in enumerate(LEVELS)]
