"""Fixtures and helpers shared by the skills page, API, CLI, roll-up and browser tests: a small
framework loaded through the service, assessments taken through the services, and a little HTML
reading (tables, a field's error message, the error summary) so tests check what a person sees."""

import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest

from lksworkforce.accounts.models import User
from lksworkforce.skills import services
from lksworkforce.skills.framework_file import parse_framework
from lksworkforce.skills.models import Assessment, Framework, RoleProfile, SubArea

# A framework small enough to reason about by hand: three areas, five sub-areas, the 0-4 scale and
# two role profiles. Names are distinctive so that they can be found in pages, files and PDFs.
FRAMEWORK_KEY = "web-skills"
FRAMEWORK_YAML = """\
format: lks-skills-framework/1
key: web-skills
name: Web skills framework
version: "2025"
current: true
scale:
  - {level: 0, label: No knowledge}
  - {level: 1, label: Basic knowledge}
  - {level: 2, label: Working knowledge}
  - {level: 3, label: Extensive knowledge}
  - {level: 4, label: Expert}
areas:
  - {number: 1, name: Finding evidence, description: Searching for and appraising evidence}
  - {number: 2, name: Teaching and learning}
  - {number: 3, name: Knowledge management}
sub_areas:
  - {number: "1.1", name: Literature searching, description: Searching databases systematically}
  - {number: "1.2", name: Critical appraisal}
  - {number: "2.1", name: Health literacy}
  - {number: "2.2", name: Teaching searching skills}
  - {number: "3.1", name: Knowledge capture}
role_profiles:
  - key: clinical-librarian
    name: Clinical librarian
    expects: {"1.1": 4, "2.2": 4}
  - key: knowledge-manager
    name: Knowledge manager
    expects: {"3.1": 3}
"""


def load_framework() -> Framework:
    """The test framework, loaded through the service (once per database)."""
    existing = Framework.objects.filter(key=FRAMEWORK_KEY).first()
    return existing or services.framework_load(spec=parse_framework(FRAMEWORK_YAML))


@pytest.fixture
def skills_framework(db: None) -> Framework:
    return load_framework()


def sub(framework: Framework, number: str) -> SubArea:
    return SubArea.objects.get(framework=framework, number=number)


def profile(framework: Framework, key: str) -> RoleProfile:
    return RoleProfile.objects.get(framework=framework, key=key)


type Levels = tuple[Any, ...]  # (current, target) or (current, target, priority)


def take_assessment(
    person: User,
    framework: Framework,
    ratings: Mapping[str, Levels],
    *,
    role: str | None = None,
    reflection: str = "I learnt where to focus.",
    share: bool = False,
    finish: bool = True,
    completed_on: date | None = None,
    published: bool = True,
) -> Assessment:
    """A self-assessment taken through the services: ratings by sub-area number as (current,
    target[, priority]); finished (and dated `completed_on`, as if taken then) unless `finish` is false.

    `published` (the default) sets up a world whose roll-up snapshot already counts it, as if enough
    people had finished since (tests of figures); tests of snapshots pass False and see only what
    `services.rollup_publish` releases (tests/skills/test_privacy_over_time.py)."""
    assessment = services.assessment_start(
        person=person, framework=framework, role_profile=profile(framework, role) if role else None
    )
    # A later one starts from the last finished one (carried over): rate exactly `ratings`, from the
    # versions carried over, and leave out the carried-over sub-areas not among them.
    carried = {r.sub_area.number: r for r in assessment.ratings.select_related("sub_area")}
    entries = {
        sub(framework, number): services.RatingInput(
            levels[0],
            levels[1],
            levels[2] if len(levels) > 2 else "",
            edit_version=carried[number].edit_version if number in carried else 0,
        )
        for number, levels in ratings.items()
    } | {
        r.sub_area: services.RatingInput(None, None, edit_version=r.edit_version)
        for number, r in carried.items()
        if number not in ratings
    }
    services.ratings_save(assessment=assessment, actor=person, entries=entries)
    if finish:
        services.assessment_complete(
            assessment=assessment,
            actor=person,
            reflection=reflection,
            share_with_manager=share,
            expected_version=assessment.edit_version,
        )
        if completed_on is not None:
            # Test set-up only: date it as if it had been taken on that day.
            Assessment.objects.filter(pk=assessment.pk).update(started_on=completed_on, completed_on=completed_on)
        if published:
            mine = Assessment.objects.filter(person=person, framework=framework)
            mine.update(is_published=False)
            mine.filter(is_latest=True).update(is_published=True)
        assessment.refresh_from_db()
    return assessment


# Reading HTML ----------------------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list["Node | str"] = field(default_factory=list)
    parent: "Node | None" = None

    @property
    def text(self) -> str:
        """The text a person reads, with white space collapsed (visually hidden text included)."""
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else f" {child.text} ")
        return " ".join(unescape("".join(parts)).split())

    def visible_text(self) -> str:
        """The text without visually hidden parts (e.g. "Error:" before an error message)."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif "nhsuk-u-visually-hidden" not in child.attrs.get("class", ""):
                parts.append(f" {child.visible_text()} ")
        return " ".join(unescape("".join(parts)).split())

    def iter(self, tag: str | None = None) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    found.append(child)
                found += child.iter(tag)
        return found

    def by_id(self, element_id: str) -> "Node | None":
        return next((n for n in self.iter() if n.attrs.get("id") == element_id), None)

    def with_class(self, name: str) -> list["Node"]:
        return [n for n in self.iter() if name in n.attrs.get("class", "").split()]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Node("document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)

    def handle_entityref(self, name: str) -> None:
        self.current.children.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.current.children.append(f"&#{name};")


def parse_html(content: bytes | str) -> Node:
    builder = _TreeBuilder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


@dataclass
class Table:
    caption: str
    head: list[list[str]]
    rows: list[list[str]]  # each body row: its cells' text, the row header first

    def as_dicts(self) -> list[dict[str, str]]:
        """Body rows keyed by the (last) header row's headings."""
        headings = self.head[-1]
        return [dict(zip(headings, row, strict=True)) for row in self.rows]


def tables(content: bytes | str) -> dict[str, Table]:
    """Every table on a page, by caption."""
    found = {}
    for table in parse_html(content).iter("table"):
        captions = table.iter("caption")
        caption = captions[0].text if captions else ""
        head = [
            [c.text for c in tr.iter() if c.tag in {"th", "td"}] for t in table.iter("thead") for tr in t.iter("tr")
        ]
        rows = [
            [c.text for c in tr.iter() if c.tag in {"th", "td"}] for t in table.iter("tbody") for tr in t.iter("tr")
        ]
        found[caption] = Table(caption, head, rows)
    return found


def field_error(content: bytes | str, field_id: str) -> str | None:
    """The error message shown by a field (NHS design system: `<id>-error`, described by the field)."""
    document = parse_html(content)
    message = document.by_id(f"{field_id}-error")
    if message is None:
        return None
    control = document.by_id(field_id)
    assert control is not None, f"no field {field_id}"
    assert f"{field_id}-error" in control.attrs.get("aria-describedby", "").split(), (
        f"{field_id} is not described by its error message"
    )
    return message.visible_text()


def error_summary(content: bytes | str) -> list[tuple[str, str]]:
    """The error summary's entries: (text, link)."""
    summaries = parse_html(content).with_class("nhsuk-error-summary")
    if not summaries:
        return []
    return [(a.text, a.attrs.get("href", "")) for a in summaries[0].iter("a")]


def selected_value(content: bytes | str, field_id: str) -> str | None:
    """The chosen option of a select, or None when none is marked."""
    control = parse_html(content).by_id(field_id)
    assert control is not None, f"no field {field_id}"
    assert control.tag == "select", f"{field_id} is not a select"
    chosen = [o.attrs.get("value", "") for o in control.iter("option") if "selected" in o.attrs]
    return chosen[0] if chosen else None


def field_value(content: bytes | str, field_id: str) -> str:
    control = parse_html(content).by_id(field_id)
    assert control is not None, f"no field {field_id}"
    return control.text if control.tag == "textarea" else control.attrs.get("value", "")


def main_text(content: bytes | str) -> str:
    mains = parse_html(content).iter("main")
    return mains[0].text if mains else ""


def pdf_text(pdf: bytes, *, layout: bool = True) -> str:
    """The PDF's text laid out as on paper (or, with `layout` false, in reading order, so that a table
    cell's wrapped lines stay together); the test is skipped where poppler's pdftotext is missing."""
    tool = shutil.which("pdftotext")
    if tool is None:  # pragma: no cover - depends on the machine
        pytest.skip("pdftotext (poppler-utils) is not installed")
    mode = "-layout" if layout else "-raw"
    result = subprocess.run([tool, mode, "-", "-"], input=pdf, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode()


def has_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def words(text: str) -> str:
    return " ".join(re.split(r"\s+", text.strip()))
