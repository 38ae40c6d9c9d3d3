"""The surveys pages that tests/browser/test_accessibility.py checks with axe, for each role.

The form's own pages with answers in progress, and with errors, are walked (by keyboard, with axe on
every page) in tests/surveys/test_form_keyboard.py."""

from tests.conftest import World

KEY, PREVIOUS, OPEN = "browser-survey", "browser-2023", "browser-open"


def _build() -> None:
    """Two cycles with responses enough to show every kind of result, and a group of 4."""
    from lksworkforce.surveys.models import Survey
    from tests.surveys.factories import close, load_survey, people, respond

    if Survey.objects.filter(key=KEY).exists():
        return
    previous = load_survey(key=PREVIOUS, cycle=2023)
    respond(previous, [*people(6, band="6", needs="searching;technology"), *people(5, band="3", needs="appraisal")])
    survey = load_survey(key=KEY, compare_with=PREVIOUS)
    respond(
        survey,
        [
            *people(9, band="6", role="librarian", region="north", organisation_type="acute", needs="searching;appraisal", framework_use="agree", cpd_hours="20", priorities="leading_area;searching_area", other_needs="searching practice"),
            *people(7, band="8a", role="manager", region="south", organisation_type="acute", needs="impact;leadership", framework_use="neutral", cpd_hours="35"),
            *people(4, band="3", role="assistant", region="south", organisation_type="mental_health", needs="searching;technology"),
        ],
    )  # fmt: skip
    close(KEY, PREVIOUS)  # results are published once a survey has closed (docs/adr/0011-privacy-over-time.md)
    load_survey(key=OPEN, cycle=2026)  # the form's pages need an open survey


def browser_pages(role: str, world: World) -> list[tuple[str, int]]:
    """(path, expected status) for a signed-in role (or "anonymous"); may create the data they show."""
    _build()
    answering = [
        (f"/surveys/{OPEN}/", 200),
        (f"/surveys/{OPEN}/sections/1/", 200),  # no answers in progress in this browser
        (f"/surveys/{OPEN}/resume/", 200),
        (f"/surveys/{OPEN}/done/", 200),
        (f"/surveys/{OPEN}/invitation/not-a-real-invitation/", 404),
    ]
    if role == "anonymous":
        return answering
    pages = [
        ("/surveys/", 200),
        (f"/surveys/{KEY}/results/", 200),
        (f"/surveys/{KEY}/results/?question=needs&top=5", 200),
        (f"/surveys/{KEY}/results/questions/", 200),
        (f"/surveys/{KEY}/results/printable/", 200),
        (f"/surveys/{KEY}/results/printable/?region=south", 200),
        (f"/surveys/{KEY}/results/cpd-offer/", 200),
        # An open survey's results: the national team only; others are told when they are published.
        (f"/surveys/{OPEN}/results/", 200 if role == "national_team" else 403),
        *answering,
    ]
    if role == "national_team":
        pages += [(f"/surveys/{KEY}/import/", 200), ("/surveys/load/", 200)]
    return pages
