"""What the coverage tests share: a small skills framework, a closed survey whose needs are linked to
it (through the real loader and `lksw survey_link_skills`), and published resources that teach it."""

import io
from datetime import date
from pathlib import Path

from django.core.management import call_command

from lksworkforce.learning.models import Resource, Teaches
from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus
from lksworkforce.skills.models import Area, Framework, SubArea
from tests.surveys.factories import close, load_survey, people, respond, small_definition

SURVEY_KEY = "coverage-survey"
LINKS = """framework: coverage-skills
question: needs
links:
  searching: ['3.1']
  appraisal: ['3.1', '3.3']
  impact: ['11.2']
"""


def small_framework() -> dict[str, SubArea]:
    framework = Framework.objects.create(key="coverage-skills", name="Coverage skills", version="1")
    searching = Area.objects.create(framework=framework, number=3, name="Information exploitation and use")
    leading = Area.objects.create(framework=framework, number=11, name="Leadership")
    found = {}
    for position, (area, number, name) in enumerate(
        [
            (searching, "3.1", "Literature searching"),
            (searching, "3.3", "Critical appraisal"),
            (leading, "11.2", "Advocacy and influencing"),
        ],
        start=1,
    ):
        found[number] = SubArea.objects.create(
            framework=framework, area=area, number=number, position=position, name=name
        )
    return found


def closed_survey_with_needs(tmp_path: Path) -> dict[str, SubArea]:
    """Needs chosen: impact by 9 people, appraisal, searching and technology (not linked) by 6 each.
    London's answers (the region option labelled London) choose searching and impact only."""
    sub_areas = small_framework()
    definition = small_definition(SURVEY_KEY).replace("label: North}", "label: London}")
    survey = load_survey(definition)
    respond(
        survey,
        [
            *people(6, band="6", region="north", needs="searching;impact"),
            *people(3, band="3", region="south", needs="appraisal;technology"),
            *people(3, band="4", region="south", needs="appraisal;technology;impact"),
        ],
    )
    close(survey.key)
    path = tmp_path / "links.yaml"
    path.write_text(LINKS)
    call_command("survey_link_skills", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return sub_areas


def resource(
    title: str,
    *teaches: SubArea,
    band_from: str = "",
    band_to: str = "",
    status: ResourceStatus = ResourceStatus.PUBLISHED,
) -> Resource:
    made = Resource.objects.create(
        title=title,
        kind=ResourceKind.E_LEARNING,
        url=f"https://learning.example.invalid/{len(title)}",
        added_on=date(2026, 1, 5),
        band_from=band_from,
        band_to=band_to,
        status=status,
    )
    Teaches.objects.bulk_create(Teaches(resource=made, sub_area=s) for s in teaches)
    return made
