"""From needs to the CPD offer: needs linked to skills framework sub-areas (`lksw survey_link_skills`),
and a page, exports and API showing the top needs with the sub-areas they touch and, honestly,
that nothing is on offer until the learning catalogue and programmes exist."""

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lksworkforce.skills.demo.seed import default_framework
from lksworkforce.skills.models import Area, Framework, SubArea
from lksworkforce.surveys.demo.plan import demo_skill_links
from lksworkforce.surveys.links import links_to_yaml
from lksworkforce.surveys.models import Option
from tests.conftest import World, client_for
from tests.surveys.factories import DOCS, EXAMPLES, close, load_example, load_survey, people, respond

KEY = "test-survey"


def small_framework() -> Framework:
    framework = Framework.objects.create(key="test-skills", name="Test skills", version="1")
    searching = Area.objects.create(framework=framework, number=3, name="Information exploitation and use")
    leading = Area.objects.create(framework=framework, number=11, name="Leadership")
    for position, (area, number, name) in enumerate(
        [
            (searching, "3.1", "Literature searching"),
            (searching, "3.3", "Critical appraisal"),
            (leading, "11.2", "Advocacy and influencing"),
        ],
        start=1,
    ):
        SubArea.objects.create(framework=framework, area=area, number=number, position=position, name=name)
    return framework


def write(tmp_path: Path, text: str, name: str = "links.yaml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def link(tmp_path: Path, text: str) -> str:
    err = io.StringIO()
    call_command("survey_link_skills", write(tmp_path, text), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


LINKS = """framework: test-skills
question: needs
links:
  searching: ['3.1']
  appraisal: ['3.1', '3.3']
  impact: ['11.2']
"""


def test_the_top_needs_with_their_sub_areas_and_nothing_on_offer(world: World, tmp_path: Path) -> None:
    small_framework()
    survey = load_survey()
    respond(
        survey, [*people(6, band="6", needs="searching;appraisal;technology"), *people(3, band="3", needs="appraisal")]
    )
    close(survey.key)
    assert "needs: 3 options linked to 4 sub-areas of test-skills." in link(tmp_path, LINKS)
    client = client_for(world.staff)

    api = client.get(f"/api/v1/surveys/{KEY}/cpd-offer").json()
    assert api["catalogue_available"] is True  # the learning catalogue offers, though nothing teaches these yet
    assert api["rows"] == [
        {"rank": 1, "need": "Critical appraisal", "respondents": 9, "percent": 100.0, "suppressed": None,
         "sub_areas": ["3.1 Literature searching", "3.3 Critical appraisal"], "on_offer": []},
        {"rank": 2, "need": "Emerging technologies", "respondents": 6, "percent": 66.7, "suppressed": None,
         "sub_areas": [], "on_offer": []},
        {"rank": 2, "need": "Literature searching", "respondents": 6, "percent": 66.7, "suppressed": None,
         "sub_areas": ["3.1 Literature searching"], "on_offer": []},
    ]  # fmt: skip
    exported = list(
        csv.DictReader(io.StringIO(client.get(f"/surveys/{KEY}/results/cpd-offer/?format=csv").content.decode()))
    )
    # The same figures, in the CSV's human form.
    assert [(r["rank"], r["need"], r["respondents"], r["percent"], r["on_offer"]) for r in exported] == [
        (str(a["rank"]), a["need"], str(a["respondents"]), f"{a['percent']:.1f}", "nothing on offer yet")
        for a in api["rows"]
    ]
    assert [r["sub_areas"] for r in exported] == ["; ".join(a["sub_areas"]) for a in api["rows"]]

    page = client.get(f"/surveys/{KEY}/results/cpd-offer/").content.decode()
    assert "Nothing can be shown as on offer yet" not in page  # the catalogue is installed, though empty
    assert "3 of the 3 needs have nothing on offer, and 1 is not linked to the skills framework yet." in page
    assert len(re.findall(r'nhsuk-tag--orange"\s*>\s*Nothing on offer\s*</strong>', page)) == 3
    assert "Not linked yet" in page
    assert "3.3 Critical appraisal" in page

    # Loading again replaces: appraisal loses 3.1, impact is no longer linked.
    link(tmp_path, "framework: test-skills\nquestion: needs\nlinks:\n  searching: ['3.1']\n  appraisal: ['3.3']\n")
    appraisal = Option.objects.get(question__key="needs", key="appraisal")
    assert list(appraisal.sub_areas.values_list("number", flat=True)) == ["3.3"]
    assert not Option.objects.get(question__key="needs", key="impact").sub_areas.exists()


def test_a_bad_links_file_is_rejected_with_its_lines(db: None, tmp_path: Path) -> None:
    small_framework()
    load_survey()
    bad = """framework: test-skills
question: needs
colour: blue
links:
  searching: ['3.1', '3.1']
  serching: ['3.1']
  appraisal: ['3.45', 'x']
  searching: ['3.3']
"""
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("survey_link_skills", write(tmp_path, bad), stdout=io.StringIO(), stderr=err)
    assert raised.value.returncode == 2
    text = err.getvalue()
    for line in [
        "Line 3, colour, value 'colour': Unknown field. Expected one of: framework, question, links",
        "Line 5, links.searching, value '3.1': The sub-area is listed twice for this option",
        "Line 7, links.appraisal, value 'x': A sub-area number is like \"3.1\"",
        "Line 8, links.searching, value 'searching': The option is listed twice: already on line 5",
    ]:
        assert line in text, f"{line!r} not in\n{text}"
    # Checked against the database once the file reads well.
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "survey_link_skills",
            write(
                tmp_path,
                "framework: test-skills\nquestion: needs\nlinks:\n  serching: ['3.1']\n  appraisal: ['3.45']\n",
            ),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "Line 4, links.serching, value 'serching': Not an option of question needs" in err.getvalue()
    assert "Line 5, links.appraisal, value '3.45': Not a sub-area of test-skills" in err.getvalue()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "survey_link_skills",
            write(tmp_path, "framework: nope\nquestion: nothing\nlinks: {}\n"),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "No skills framework has this key" in err.getvalue()
    assert "No question in the question bank has this key" in err.getvalue()
    assert not Option.sub_areas.through.objects.exists()


def test_the_example_links_fit_the_default_framework_and_the_example_surveys(db: None, tmp_path: Path) -> None:
    default_framework()
    load_example("dns-2017")
    load_example("dns-2019")
    example = EXAMPLES / "survey-skills-links.yaml"
    assert example.read_text() == links_to_yaml(
        demo_skill_links(),
        comment="Which sub-areas of the skills framework each development need touches. Format: docs/formats/survey-skills-links.md",
    )
    err = io.StringIO()
    call_command("survey_link_skills", str(example), stdout=io.StringIO(), stderr=err)
    assert "development_needs: 21 options linked to 34 sub-areas of lks-skills-2021." in err.getvalue()
    doc = (DOCS / "survey-skills-links.md").read_text()
    for field in ("framework", "question", "links"):
        assert f"| `{field}` | yes |" in doc
    assert "exits with status **2**" in doc


def test_what_an_offering_app_has_for_a_sub_area_is_shown(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app that declares `learning_on_offer` in its capability is asked for every sub-area on the
    page at once; surveys names no such app."""
    from lksworkforce.core import capability
    from lksworkforce.core.capability import Capability, OfferItem

    framework = small_framework()
    searching = SubArea.objects.get(framework=framework, number="3.1")
    asked: list[list[int]] = []

    def offer(sub_area_ids: Iterable[int]) -> dict[int, list[OfferItem]]:
        asked.append(sorted(sub_area_ids))
        course = OfferItem("learning resource", "Searching the literature", "https://learning.example.org/search")
        return {searching.pk: [course]}

    installed = capability.capabilities()
    offering = Capability(label="learning", learning_on_offer=offer)
    monkeypatch.setattr(capability, "capabilities", lambda: (*installed, offering))

    survey = load_survey()
    respond(survey, [*people(6, band="6", needs="searching;appraisal")])
    close(survey.key)
    link(tmp_path, LINKS)
    api = client_for(world.staff).get(f"/api/v1/surveys/{KEY}/cpd-offer").json()

    assert api["catalogue_available"] is True
    assert len(asked) == 1  # one question for the whole page
    on_offer = {row["need"]: row["on_offer"] for row in api["rows"]}
    assert on_offer["Literature searching"] == ["Searching the literature (learning resource)"]
    assert on_offer["Critical appraisal"] == ["Searching the literature (learning resource)"]  # through 3.1


def test_a_published_resource_that_teaches_a_linked_sub_area_is_on_offer(world: World, tmp_path: Path) -> None:
    """The learning catalogue answers `learning_on_offer`: once a published resource teaches a linked
    sub-area, the page, the API and the CSV show it, and needs it does not reach still have nothing."""
    from datetime import date

    from lksworkforce.learning.models import Resource, Teaches
    from lksworkforce.learning.vocabulary import ResourceKind, ResourceStatus

    framework = small_framework()
    searching = SubArea.objects.get(framework=framework, number="3.1")
    course = Resource.objects.create(
        title="Searching the literature",
        kind=ResourceKind.E_LEARNING,
        url="https://learning.example.invalid/searching",
        added_on=date(2026, 1, 5),
        status=ResourceStatus.PUBLISHED,
    )
    draft = Resource.objects.create(
        title="A draft on impact",
        kind=ResourceKind.READING,
        url="https://learning.example.invalid/impact",
        added_on=date(2026, 1, 5),
    )
    Teaches.objects.create(resource=course, sub_area=searching)
    Teaches.objects.create(resource=draft, sub_area=SubArea.objects.get(framework=framework, number="11.2"))

    survey = load_survey()
    respond(survey, [*people(6, band="6", needs="searching;appraisal;impact")])
    close(survey.key)
    link(tmp_path, LINKS)
    client = client_for(world.staff)

    on_offer = {row["need"]: row["on_offer"] for row in client.get(f"/api/v1/surveys/{KEY}/cpd-offer").json()["rows"]}
    assert on_offer["Literature searching"] == ["Searching the literature (learning resource)"]
    assert on_offer["Critical appraisal"] == ["Searching the literature (learning resource)"]  # through 3.1
    assert on_offer["Demonstrating value and impact"] == []  # a draft is not on offer

    page = client.get(f"/surveys/{KEY}/results/cpd-offer/").content.decode()
    assert f'<a href="/learning/resources/{course.pk}/">Searching the literature</a> (learning resource)' in page
    assert "1 of the 3 needs have nothing on offer" in page
    assert client.get(f"/learning/resources/{course.pk}/").status_code == 200
