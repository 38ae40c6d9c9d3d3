"""Every model that links to a person is covered by subject access and erasure.

`core.subject_access` gathers each app's `personal_data` module; each lists in `COVERS` the models
whose link to a person its `export` and `erase` handle. A model added later with a foreign key (or
one-to-one) to the user model, and covered by no app, fails here (and fails `lksw check`): add it
to an app's `personal_data` module, with what it exports and how it is erased."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from lksworkforce.core import subject_access
from lksworkforce.core.checks import personal_data_is_covered
from lksworkforce.core.subject_access import parts, person_links, uncovered_links


def test_every_model_with_a_link_to_a_person_is_exported_and_erased() -> None:
    missing = uncovered_links()
    assert not missing, (
        f"Models that link to a person but no app's personal_data module covers: {missing}. "
        "Add each to COVERS in its app's personal_data.py, exported by export() and removed or unlinked by erase()."
    )
    # The walk finds what it should: every model known to link to a person today, the tables
    # Django makes for many-to-many fields and the libraries' models included.
    known = {"accounts.Qualification", "accounts.Membership", "skills.Assessment", "skills.PlanAction",
             "staffing.LksReturn", "core.AuditEvent", "admin.LogEntry", "accounts.User_groups",
             "accounts.User_user_permissions"}  # fmt: skip
    assert known <= {model._meta.label for model, _field in person_links()}


def test_covered_models_exist_and_every_part_exports_and_erases() -> None:
    installed = set(apps.get_models(include_auto_created=True))
    for part in parts():
        assert set(part.covers) <= installed, part.app_label
        assert callable(part.export), part.app_label
        assert callable(part.erase), part.app_label


def test_a_model_left_uncovered_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the skills part (as if its models were added with no personal_data module), its two
    models are reported, and `lksw check` fails."""
    without_skills = [p for p in parts() if p.app_label != "skills"]
    assert uncovered_links(without_skills) == ["skills.Assessment (person)", "skills.PlanAction (person)"]
    monkeypatch.setattr(subject_access, "parts", lambda: without_skills)
    assert [e.id for e in personal_data_is_covered()] == ["lksworkforce.E001"] * 2
    with pytest.raises(SystemCheckError, match=r"skills\.Assessment \(person\) links to a person"):
        call_command("check", databases=[])
