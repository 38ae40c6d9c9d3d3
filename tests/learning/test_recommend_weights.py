"""The recommendation weights: everyone signed in sees them; the national team changes them, from
the version it saw, with the history kept and every change audited."""

import pytest

from lksworkforce.accounts.models import User
from lksworkforce.core.concurrency import StaleEdit
from lksworkforce.core.models import AuditEvent
from lksworkforce.core.problems import Rejected
from lksworkforce.learning.models import RecommendationWeights
from lksworkforce.learning.scoring import DEFAULT_WEIGHTS, Weights
from lksworkforce.learning.selectors.recommendations import weights_in_force
from lksworkforce.learning.services.recommendations import set_weights
from tests.conftest import World, client_for

CHANGED = DEFAULT_WEIGHTS.as_dict() | {"gap": 20.0}


def test_the_defaults_until_someone_saves(world: World) -> None:
    assert weights_in_force().weights == DEFAULT_WEIGHTS
    assert weights_in_force().version == 0
    page = client_for(world.staff).get("/learning/weights/").content.decode()
    assert "The default weights" in page
    assert "Save the weights" not in page  # staff see them, but do not change them


def test_saving_keeps_the_history_and_is_audited(world: World) -> None:
    set_weights(actor=world.national, values=CHANGED, expected_version=0)
    set_weights(actor=world.national, values=CHANGED | {"free": 0.0}, expected_version=1)
    in_force = weights_in_force()
    assert in_force.version == 2
    assert in_force.weights == Weights(**(CHANGED | {"free": 0.0}))
    assert RecommendationWeights.objects.count() == 2
    assert AuditEvent.objects.filter(action="learning.weights_set").count() == 2


def test_a_save_from_an_old_version_is_refused(world: World) -> None:
    set_weights(actor=world.national, values=CHANGED, expected_version=0)
    with pytest.raises(StaleEdit) as stale:
        set_weights(actor=world.national, values=CHANGED | {"fresh": 9.0}, expected_version=0)
    assert [c.label for c in stale.value.changes] == ["fresh"]
    assert weights_in_force().weights.fresh == DEFAULT_WEIGHTS.fresh


def test_bad_weights_are_refused_whole(world: World) -> None:
    with pytest.raises(Rejected) as rejected:
        set_weights(actor=world.national, values=CHANGED | {"gap": -1.0, "free": float("nan")}, expected_version=0)
    assert {p.field for p in rejected.value.problems} == {"gap", "free"}
    assert not RecommendationWeights.objects.exists()


def _form(version: int, **values: str) -> dict[str, str]:
    return {name: str(v) for name, v in DEFAULT_WEIGHTS.as_dict().items()} | {"edit_version": str(version)} | values


def test_the_national_team_changes_them_on_the_page(world: World) -> None:
    client = client_for(world.national)
    response = client.post("/learning/weights/", _form(0, gap="12.5"))
    assert response.status_code == 302
    assert weights_in_force().weights.gap == 12.5
    page = client.get("/learning/weights/").content.decode()
    assert "Version 1" in page
    assert "Nat National" in page  # the history says who, to those who change them


@pytest.mark.parametrize("bad", ["", "lots", "-3", "1001", "1.234", "nan", "1e3", "\x00"])
def test_bad_input_on_the_page(world: World, bad: str) -> None:
    response = client_for(world.national).post("/learning/weights/", _form(0, gap=bad))
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        assert "There is a problem" in response.content.decode()
    assert not RecommendationWeights.objects.exists()


def test_a_stale_page_says_what_changed(world: World) -> None:
    set_weights(actor=world.national, values=CHANGED, expected_version=0)
    response = client_for(world.national).post("/learning/weights/", _form(0, free="5"))
    assert response.status_code == 200
    assert "changed since you opened this page" in response.content.decode()
    assert client_for(world.national).post("/learning/weights/", _form(0) | {"edit_version": ""}).status_code == 400


@pytest.mark.parametrize("role", ["staff", "service_manager", "regional_lead", "curator"])
def test_only_the_national_team_changes_them(world: World, role: str) -> None:
    person = world.by_role(role)
    assert isinstance(person, User)
    assert client_for(person).post("/learning/weights/", _form(0, gap="1")).status_code == 403
    body = {"edit_version": 0, **CHANGED}
    assert (
        client_for(person)
        .put("/api/v1/learning/recommendation-weights", body, content_type="application/json")
        .status_code
        == 403
    )
    assert not RecommendationWeights.objects.exists()


def test_the_api(world: World) -> None:
    client = client_for(world.national)
    read = client.get("/api/v1/learning/recommendation-weights").json()
    assert read["edit_version"] == 0
    assert read["weights"] == DEFAULT_WEIGHTS.as_dict()
    body = {"edit_version": 0, **CHANGED}
    saved = client.put("/api/v1/learning/recommendation-weights", body, content_type="application/json")
    assert saved.json()["edit_version"] == 1
    again = client.put("/api/v1/learning/recommendation-weights", body, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["code"] == "stale"
    bad = client.put(
        "/api/v1/learning/recommendation-weights",
        body | {"edit_version": 1, "gap": -1},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert (
        client.put("/api/v1/learning/recommendation-weights", "[]", content_type="application/json").status_code == 422
    )
