"""Synthetic development needs surveys: the 2017 and 2019 cycles (758 and 662 responses, as in the
real surveys' shapes) and an open cycle for trying the form. Pure and deterministic: no Django, no
dates from today. Every respondent and every free-text answer is invented.

The definitions are also the documented examples: docs/formats/examples/survey-dns-2017.yaml and
survey-dns-2019.yaml are `definition_to_yaml` of these (a test keeps them the same)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from lksworkforce.surveys.definition import SectionDef, SurveyDef
from lksworkforce.surveys.links import SkillLinks
from lksworkforce.surveys.questions import Demographic, OptionDef, QuestionDef, QuestionKind

RESPONSES = {"dns-2017": 758, "dns-2019": 662}
OPEN_SURVEY_KEY = "dns-2026"


def _options(*pairs: tuple[str, str]) -> tuple[OptionDef, ...]:
    return tuple(OptionDef(key, label) for key, label in pairs)


BANDS = _options(
    *((b, f"Band {b}") for b in ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")),
    ("not_agenda_for_change", "Not on Agenda for Change"),
    ("prefer_not_to_say", "Prefer not to say"),
)
ROLES = _options(
    ("library_assistant", "Library assistant"),
    ("senior_library_assistant", "Senior library assistant"),
    ("librarian", "Librarian"),
    ("clinical_librarian", "Clinical or outreach librarian"),
    ("knowledge_manager", "Knowledge manager"),
    ("service_manager", "Service manager or head of service"),
    ("other_role", "Another role"),
)
# The geographies the national LKS leads reported by in 2017 and 2018.
REGIONS_2018 = _options(
    ("london_kss", "London and Kent, Surrey and Sussex"),
    ("midlands_east", "Midlands and East"),
    ("north", "North"),
    ("south", "South"),
)
# NHS England's seven regions, from April 2019.
REGIONS_NHSE = _options(
    ("london", "London"),
    ("south_east", "South East"),
    ("south_west", "South West"),
    ("midlands", "Midlands"),
    ("east_of_england", "East of England"),
    ("north_west", "North West"),
    ("north_east_and_yorkshire", "North East and Yorkshire"),
)
ORGANISATION_TYPES = _options(
    ("acute", "Acute trust"),
    ("mental_health", "Mental health trust"),
    ("community", "Community trust"),
    ("ambulance", "Ambulance trust"),
    ("arms_length_body", "Arm's length body"),
    ("other", "Other organisation"),
)

# Development needs. Keys are stable; 2019 rewords some, adds three and drops one.
NEEDS_2017 = _options(
    ("demonstrating_value_and_impact", "Demonstrating value and impact"),
    ("literature_searching", "Literature searching"),
    ("healthcare_database_searching", "Searching healthcare databases"),
    ("critical_appraisal", "Critical appraisal"),
    ("synthesising_evidence", "Synthesising and summarising evidence"),
    ("marketing_and_promotion", "Marketing and promotion"),
    ("social_media", "Social media and collaborative tools"),
    ("knowledge_management", "Knowledge management techniques"),
    ("teaching_information_skills", "Teaching information skills"),
    ("copyright_and_licensing", "Copyright and licensing"),
    ("leadership_and_influencing", "Leadership and influencing"),
    ("project_management", "Project management"),
    ("research_skills", "Research skills"),
    ("budgets_and_procurement", "Budgets and procurement"),
    ("e_resources_management", "Managing e-resources"),
    ("coaching_and_mentoring", "Coaching and mentoring"),
    ("current_awareness", "Current awareness services"),
    ("library_management_systems", "Library management systems"),
)
_NEW_IN_2019 = _options(
    ("emerging_technologies", "Emerging technologies (such as AI and automation)"),
    ("health_literacy", "Health literacy"),
    ("data_management", "Data and information management"),
)
_REWORDED_2019 = {
    "marketing_and_promotion": "Marketing and promoting services",
    "healthcare_database_searching": "Searching healthcare databases (such as Medline and CINAHL)",
}
NEEDS_2019 = tuple(
    sorted(
        (
            replace(o, label=_REWORDED_2019.get(o.key, o.label))
            for o in NEEDS_2017 + _NEW_IN_2019
            if o.key != "library_management_systems"
        ),
        key=lambda o: o.label,
    )
)
LEARNING_WAYS = _options(
    ("face_to_face_workshop", "Face-to-face workshops"),
    ("online_course", "Online courses"),
    ("webinar", "Webinars"),
    ("elearning_module", "Short e-learning modules"),
    ("action_learning_set", "Action learning sets"),
    ("mentoring", "Mentoring"),
    ("conference", "Conferences and events"),
    ("reading", "Reading and self-directed study"),
    ("shadowing", "Shadowing and visits"),
)
TRAVEL = _options(
    ("up_to_an_hour", "Up to an hour each way"),
    ("one_to_two_hours", "One to two hours each way"),
    ("over_two_hours", "More than two hours each way"),
    ("cannot_travel", "I cannot travel to training"),
)
AGREEMENT = (
    OptionDef("strongly_disagree", "Strongly disagree", 1),
    OptionDef("disagree", "Disagree", 2),
    OptionDef("neither", "Neither agree nor disagree", 3),
    OptionDef("agree", "Agree", 4),
    OptionDef("strongly_agree", "Strongly agree", 5),
)
LEARNING_ZONE_USE = _options(
    ("weekly", "Every week"),
    ("monthly", "Every month"),
    ("few_times_a_year", "A few times a year"),
    ("never", "Never"),
    ("not_heard_of_it", "I had not heard of it"),
)
LEADERSHIP = _options(
    ("national_programme", "Yes, a national programme"),
    ("regional_programme", "Yes, a regional or local programme"),
    ("not_yet_interested", "No, but I would like to"),
    ("not_interested", "No"),
)
PRIORITY_AREAS = _options(
    ("searching_and_evidence", "Searching and evidence"),
    ("knowledge_management_area", "Knowledge management"),
    ("leadership_area", "Leadership and management"),
    ("technology_area", "Technology and digital skills"),
    ("teaching_area", "Teaching and training"),
    ("marketing_area", "Marketing and demonstrating impact"),
)


def _definition(
    key: str, cycle: int, opens: datetime.date, closes: datetime.date, needs: tuple[OptionDef, ...]
) -> SurveyDef:
    later = cycle >= 2019
    return SurveyDef(
        key=key,
        title=f"Development needs survey {cycle}",
        cycle=cycle,
        opens_on=opens,
        closes_on=closes,
        introduction=(
            "Every two years we ask everyone working in NHS library and knowledge services in England what "
            "they want to develop and how they like to learn. Your answers shape the training offered "
            "nationally and in your region.\n\nThe survey is anonymous: we do not ask your name, and your "
            "answers are only ever shown in groups of 5 or more. It takes about 10 minutes."
        ),
        needs_question="development_needs",
        compare_with="dns-2017" if key == "dns-2019" else ("dns-2019" if key == OPEN_SURVEY_KEY else None),
        sections=(
            SectionDef(
                title="About you",
                introduction="We use these answers to compare the needs of different groups. They are never shown for a group of fewer than 5 people.",
                questions=(
                    QuestionDef("band", QuestionKind.SINGLE_CHOICE, "What is your Agenda for Change band?", required=True, demographic=Demographic.BAND, options=BANDS),
                    QuestionDef("role", QuestionKind.SINGLE_CHOICE, "Which best describes your role?", required=True, demographic=Demographic.ROLE, options=ROLES),
                    QuestionDef("region", QuestionKind.SINGLE_CHOICE, "Which region do you work in?", required=True, demographic=Demographic.REGION, options=REGIONS_NHSE if later else REGIONS_2018),
                    QuestionDef("organisation_type", QuestionKind.SINGLE_CHOICE, "What type of organisation do you work for?", demographic=Demographic.ORGANISATION_TYPE, options=ORGANISATION_TYPES),
                    QuestionDef("years_in_lks", QuestionKind.NUMBER, "How many years have you worked in library and knowledge services?", hint="Round to the nearest whole year.", min_value=Decimal(0), max_value=Decimal(60), unit="years"),
                ),
            ),
            SectionDef(
                title="Your development needs",
                questions=(
                    QuestionDef(
                        "development_needs",
                        QuestionKind.MULTIPLE_CHOICE,
                        "Which of these would you like to develop over the next two years?" if later else "Which of these areas do you want to develop?",
                        hint="Select all that apply.",
                        required=True,
                        options=needs,
                    ),
                    QuestionDef("top_priorities", QuestionKind.RANKING, "Put your three biggest development priorities in order", hint="Choose your first, second and third priority.", ranks=3, options=PRIORITY_AREAS),
                    QuestionDef("other_needs", QuestionKind.FREE_TEXT, "Is there anything else you would like to develop?", max_length=2000),
                ),
            ),
            SectionDef(
                title="How you like to learn",
                questions=(
                    QuestionDef("learning_preferences", QuestionKind.MULTIPLE_CHOICE, "How do you prefer to learn?", hint="Select up to 3.", max_choices=3, options=LEARNING_WAYS),
                    QuestionDef("travel_to_training", QuestionKind.SINGLE_CHOICE, "How far could you travel to face-to-face training?", options=TRAVEL),
                    QuestionDef("cpd_hours", QuestionKind.NUMBER, "About how many hours did you spend on professional development in the last year?", min_value=Decimal(0), max_value=Decimal(1000), unit="hours"),
                ),
            ),
            SectionDef(
                title="The skills framework and learning resources",
                questions=(
                    QuestionDef("pksb_use", QuestionKind.LIKERT, "I use the Professional Knowledge and Skills Base (PKSB) to plan my development", options=AGREEMENT),
                    QuestionDef("learning_zone_use", QuestionKind.SINGLE_CHOICE, "How often do you use the Learning Zone?" if later else "How often do you use the Learning Zone's resources?", options=LEARNING_ZONE_USE),
                ),
            ),
            SectionDef(
                title="Leadership",
                questions=(
                    QuestionDef("leadership_programme", QuestionKind.SINGLE_CHOICE, "Have you been on a leadership programme?", options=LEADERSHIP),
                    QuestionDef("comments", QuestionKind.FREE_TEXT, "Any other comments about your development?", max_length=2000),
                ),
            ),
        ),
    )  # fmt: skip


def demo_survey_definitions() -> list[SurveyDef]:
    """Oldest first, so that each can name the one before as the cycle to compare with."""
    return [
        _definition("dns-2017", 2017, datetime.date(2017, 3, 1), datetime.date(2017, 4, 30), NEEDS_2017),
        _definition("dns-2019", 2019, datetime.date(2019, 4, 1), datetime.date(2019, 5, 31), NEEDS_2019),
        # Open, with no responses, so that the form can be tried.
        _definition(OPEN_SURVEY_KEY, 2026, datetime.date(2026, 1, 5), datetime.date(2027, 3, 31), NEEDS_2019),
    ]


# Responses --------------------------------------------------------------------------------------

# How likely a respondent is to choose each need, before their band group's adjustment. The 2017
# top need was demonstrating value and impact; 2019's was emerging technologies.
_NEED_WEIGHTS = {
    2017: {
        "demonstrating_value_and_impact": 0.62, "literature_searching": 0.50, "critical_appraisal": 0.47,
        "synthesising_evidence": 0.46, "healthcare_database_searching": 0.44, "marketing_and_promotion": 0.42,
        "social_media": 0.40, "knowledge_management": 0.33, "teaching_information_skills": 0.30,
        "leadership_and_influencing": 0.27, "copyright_and_licensing": 0.22, "research_skills": 0.20,
        "project_management": 0.18, "e_resources_management": 0.16, "coaching_and_mentoring": 0.12,
        "current_awareness": 0.11, "budgets_and_procurement": 0.08, "library_management_systems": 0.10,
    },
    2019: {
        "emerging_technologies": 0.60, "synthesising_evidence": 0.50, "demonstrating_value_and_impact": 0.48,
        "critical_appraisal": 0.45, "literature_searching": 0.44, "social_media": 0.41,
        "healthcare_database_searching": 0.40, "marketing_and_promotion": 0.38, "data_management": 0.33,
        "knowledge_management": 0.31, "health_literacy": 0.26, "leadership_and_influencing": 0.25,
        "teaching_information_skills": 0.24, "copyright_and_licensing": 0.18, "research_skills": 0.19,
        "project_management": 0.16, "e_resources_management": 0.13, "coaching_and_mentoring": 0.12,
        "current_awareness": 0.09, "budgets_and_procurement": 0.07,
    },
}  # fmt: skip
# Para-professional staff lean to searching and teaching; senior staff to leadership and impact.
_PARA_LEANING = {
    "literature_searching": 1.35, "healthcare_database_searching": 1.3, "teaching_information_skills": 1.2,
    "copyright_and_licensing": 1.3, "e_resources_management": 1.3, "current_awareness": 1.4,
    "leadership_and_influencing": 0.4, "demonstrating_value_and_impact": 0.6, "budgets_and_procurement": 0.3,
    "project_management": 0.6, "coaching_and_mentoring": 0.6,
}  # fmt: skip
_SENIOR_LEANING = {
    "leadership_and_influencing": 1.6, "demonstrating_value_and_impact": 1.2, "budgets_and_procurement": 1.7,
    "coaching_and_mentoring": 1.5, "project_management": 1.3, "literature_searching": 0.8,
    "current_awareness": 0.7,
}  # fmt: skip
_BAND_WEIGHTS = {
    "1": 0.01, "2": 0.10, "3": 0.17, "4": 0.11, "5": 0.14, "6": 0.18, "7": 0.14, "8a": 0.07, "8b": 0.04,
    "8c": 0.015, "8d": 0.005, "9": 0.001, "not_agenda_for_change": 0.005, "prefer_not_to_say": 0.004,
}  # fmt: skip
_REGION_WEIGHTS = {
    2017: {"london_kss": 0.27, "midlands_east": 0.26, "north": 0.29, "south": 0.18},
    2019: {
        "london": 0.17, "south_east": 0.14, "south_west": 0.1, "midlands": 0.17,
        "east_of_england": 0.1, "north_west": 0.15, "north_east_and_yorkshire": 0.17,
    },
}  # fmt: skip
_TYPE_WEIGHTS = {
    "acute": 0.66, "mental_health": 0.17, "community": 0.07, "ambulance": 0.02, "arms_length_body": 0.04, "other": 0.04,
}  # fmt: skip
_OTHER_NEEDS = (
    "More training on searching for evidence for guidelines",
    "Using AI tools safely in literature searching",
    "Confidence in teaching critical appraisal to clinicians",
    "Evaluating our service and showing impact to the board",
    "Managing budgets and negotiating with suppliers",
    "Writing evidence summaries for busy clinicians",
    "Social media for promoting the library",
    "Knowledge management tools for capturing lessons learned",
    "Data skills and presenting statistics",
    "Leading a team through change",
)
_COMMENTS = (
    "Online training would help as travel is difficult from here",
    "Protected time for development would make the biggest difference",
    "Regional workshops have been really useful",
    "More short online sessions please",
    "Funding for conferences is hard to get",
    "Mentoring has helped me a great deal",
)


@dataclass(frozen=True)
class DemoRespondent:
    """One response as a survey tool's export would hold it: question key -> cell text."""

    answers: dict[str, str]
    submitted_on: datetime.date


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _role_for(rng: random.Random, band: str) -> str:
    if band in {"1", "2", "3"}:
        return "library_assistant"
    if band == "4":
        return rng.choice(("senior_library_assistant", "senior_library_assistant", "library_assistant"))
    if band in {"5", "6"}:
        return _weighted(rng, {"librarian": 0.6, "clinical_librarian": 0.3, "knowledge_manager": 0.1})
    if band == "7":
        return _weighted(
            rng, {"clinical_librarian": 0.4, "knowledge_manager": 0.3, "librarian": 0.2, "service_manager": 0.1}
        )
    if band in {"8a", "8b", "8c", "8d", "9"}:
        return _weighted(rng, {"service_manager": 0.8, "knowledge_manager": 0.2})
    return "other_role"


def demo_respondents(definition: SurveyDef, count: int, seed: int) -> list[DemoRespondent]:
    """`count` plausible responses to a demo cycle."""
    rng = random.Random(f"lksw-demo-survey:{definition.key}:{seed}")  # noqa: S311 - demo data, not security
    weights = _NEED_WEIGHTS[definition.cycle]
    offered = {o.key for o in next(q for q in definition.questions if q.key == "development_needs").options}
    days = (definition.closes_on - definition.opens_on).days
    respondents = []
    for _ in range(count):
        band = _weighted(rng, _BAND_WEIGHTS)
        para = band in {"1", "2", "3", "4"}
        leaning = _PARA_LEANING if para else _SENIOR_LEANING if band in {"7", "8a", "8b", "8c", "8d", "9"} else {}
        needs = [
            key for key, p in weights.items() if key in offered and rng.random() < min(0.95, p * leaning.get(key, 1.0))
        ]
        if not needs:
            needs = [max(weights, key=lambda k: weights[k] * leaning.get(k, 1.0))]
        answers = {
            "band": band,
            "role": _role_for(rng, band),
            "region": _weighted(rng, _REGION_WEIGHTS[2019 if definition.cycle >= 2019 else 2017]),
            "organisation_type": _weighted(rng, _TYPE_WEIGHTS) if rng.random() > 0.03 else "",
            "years_in_lks": str(max(0, min(45, round(rng.gauss(11 if para else 15, 8))))) if rng.random() > 0.05 else "",
            "development_needs": ";".join(needs),
            "top_priorities": ";".join(rng.sample([o.key for o in PRIORITY_AREAS], 3)) if rng.random() > 0.1 else "",
            "other_needs": rng.choice(_OTHER_NEEDS) if rng.random() < 0.18 else "",
            "learning_preferences": ";".join(
                rng.sample(
                    ["online_course", "webinar", "face_to_face_workshop", "elearning_module", "conference", "mentoring",
                     "action_learning_set", "reading", "shadowing"][: 6 if definition.cycle >= 2019 else 9],
                    rng.choice((1, 2, 3)),
                )
            ),
            "travel_to_training": _weighted(
                rng, {"up_to_an_hour": 0.35, "one_to_two_hours": 0.4, "over_two_hours": 0.15, "cannot_travel": 0.1}
            ),
            "cpd_hours": str(max(0, round(rng.gauss(30 if para else 45, 18)))) if rng.random() > 0.1 else "",
            "pksb_use": _weighted(
                rng,
                {"strongly_disagree": 0.08, "disagree": 0.22, "neither": 0.3, "agree": 0.3, "strongly_agree": 0.1}
                if not para
                else {"strongly_disagree": 0.15, "disagree": 0.3, "neither": 0.35, "agree": 0.15, "strongly_agree": 0.05},
            ),
            "learning_zone_use": _weighted(
                rng, {"weekly": 0.1, "monthly": 0.3, "few_times_a_year": 0.35, "never": 0.15, "not_heard_of_it": 0.1}
            ),
            "leadership_programme": _weighted(
                rng,
                {"national_programme": 0.08, "regional_programme": 0.15, "not_yet_interested": 0.45, "not_interested": 0.32}
                if not para
                else {"national_programme": 0.01, "regional_programme": 0.05, "not_yet_interested": 0.4, "not_interested": 0.54},
            ),
            "comments": rng.choice(_COMMENTS) if rng.random() < 0.12 else "",
        }  # fmt: skip
        submitted = definition.opens_on + datetime.timedelta(days=min(days, int(rng.expovariate(1 / 12))))
        respondents.append(DemoRespondent(answers, submitted))
    return respondents


def demo_response_rows(respondents: Sequence[DemoRespondent], columns: Sequence[str]) -> list[list[str]]:
    """Rows of a response file (submitted_on first, then the question columns)."""
    return [[r.submitted_on.isoformat(), *(r.answers.get(c, "") for c in columns)] for r in respondents]


# Needs -> skills framework ----------------------------------------------------------------------

SKILLS_FRAMEWORK_KEY = "lks-skills-2021"
# Which sub-areas of the default skills framework each development need touches (our reading).
NEED_SUB_AREAS: dict[str, tuple[str, ...]] = {
    "demonstrating_value_and_impact": ("9.3", "11.2", "12.5"),
    "emerging_technologies": ("13.2",),
    "literature_searching": ("3.1",),
    "healthcare_database_searching": ("3.1", "3.2"),
    "critical_appraisal": ("3.3",),
    "synthesising_evidence": ("3.4",),
    "marketing_and_promotion": ("10.4",),
    "social_media": ("13.3", "13.6"),
    "knowledge_management": ("6.1", "6.2", "6.3", "6.5"),
    "teaching_information_skills": ("7.1", "7.3"),
    "copyright_and_licensing": ("4.1",),
    "data_management": ("2.2", "2.3"),
    "health_literacy": ("7.2",),
    "leadership_and_influencing": ("11.1", "11.2"),
    "project_management": ("12.4",),
    "research_skills": ("9.1", "9.2"),
    "budgets_and_procurement": ("12.2", "12.6"),
    "e_resources_management": ("1.3", "1.4"),
    "coaching_and_mentoring": ("11.1",),
    "current_awareness": ("3.6",),
    "library_management_systems": ("13.1",),
}


def demo_skill_links() -> SkillLinks:
    return SkillLinks(
        framework=SKILLS_FRAMEWORK_KEY,
        question="development_needs",
        links=dict(NEED_SUB_AREAS),
        lines=dict.fromkeys(NEED_SUB_AREAS, 0),
    )
