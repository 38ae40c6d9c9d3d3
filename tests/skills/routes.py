"""Skills in the role matrix: who gets what for every skills URL and API operation.

Assessment variants:
  own      the viewer's own unfinished self-assessment (the staff member's, for anonymous);
  shared   Sam Staff's finished self-assessment, shared with the service manager of RAA;
  private  Cal Colleague's self-assessment (RAA), not shared: nobody else sees it;
  unknown  no such assessment.
Individual assessments are never visible to regional leads or the national team.
"""

from typing import Any

from lksworkforce.accounts.models import User
from lksworkforce.skills import services
from lksworkforce.skills.framework_file import parse_framework
from lksworkforce.skills.models import Assessment, Framework, PlanAction, SubArea
from tests.conftest import World
from tests.routes import SIGN_IN, AppRoutes, row

FRAMEWORK = """
key: matrix-skills
name: Matrix skills framework
version: "1"
current: true
scale:
  - {level: 0, label: None}
  - {level: 1, label: Some}
  - {level: 2, label: Good}
areas:
  - {number: 1, name: Searching}
  - {number: 2, name: Teaching}
sub_areas:
  - {number: "1.1", name: Literature searching}
  - {number: "2.1", name: Training users}
role_profiles:
  - {key: clinical-librarian, name: Clinical librarian, expects: {"1.1": 2}}
"""

SIGNED_IN = row(SIGN_IN, 200, 200, 200, 200, 200)
POST_ONLY = row(405, 405, 405, 405, 405, 405)
ASSESSMENT_PAGE = {
    "own": SIGNED_IN,
    "shared": row(SIGN_IN, 200, 200, 404, 404, 404),
    "private": row(SIGN_IN, 404, 404, 404, 404, 404),
    "unknown": row(SIGN_IN, 404, 404, 404, 404, 404),
}
OWNER_ONLY_PAGE = {
    "own": SIGNED_IN,
    "private": row(SIGN_IN, 404, 404, 404, 404, 404),
    "unknown": row(SIGN_IN, 404, 404, 404, 404, 404),
}
ASSESSMENT_API = {
    "own": row(401, 200, 200, 200, 200, 200),
    "shared": row(401, 200, 200, 404, 404, 404),
    "private": row(401, 404, 404, 404, 404, 404),
    "unknown": row(401, 404, 404, 404, 404, 404),
}
# A write with no body, refused for anyone signed in before anything is looked up: a POST's empty
# form body is not JSON (400); a PUT without a body lacks its fields (422).
EMPTY_POST = row(401, 400, 400, 400, 400, 400)
EMPTY_PUT = row(401, 422, 422, 422, 422, 422)

# fmt: off
EXPECTED = {
    "skills:home":                 {"": SIGNED_IN},
    "skills:history":              {"": SIGNED_IN},
    "skills:plan":                 {"": SIGNED_IN},
    "skills:frameworks":           {"": SIGNED_IN},
    "skills:framework": {
        "matrix-skills":                SIGNED_IN,
        "unknown":                      row(SIGN_IN, 404, 404, 404, 404, 404),
    },
    "skills:assessment_start":     {"": POST_ONLY},
    "skills:assessment_share":     {"own": POST_ONLY},
    "skills:plan_action_remove":   {"own": POST_ONLY},
    "skills:assessment":           ASSESSMENT_PAGE,
    "skills:assessment_gaps":      ASSESSMENT_PAGE,
    "skills:assessment_pdf":       ASSESSMENT_PAGE,
    "skills:assessment_area":      OWNER_ONLY_PAGE,
    "skills:assessment_finish":    OWNER_ONLY_PAGE,
    "skills:plan_action":          OWNER_ONLY_PAGE,
    #                                   anonymous staff manager lead national curator
    "skills:rollup_nation":        {"": row(SIGN_IN, 403, 200,    200, 200,     403)},
    "skills:rollup_region": {
        "london":                       row(SIGN_IN, 403, 403,    403, 200,     403),
        "north_west":                   row(SIGN_IN, 403, 403,    200, 200,     403),
        "unknown":                      row(SIGN_IN, 404, 404,    404, 404,     404),
    },
    "skills:rollup_organisation": {
        "RAA":                          row(SIGN_IN, 403, 200,    403, 200,     403),
        "RBA":                          row(SIGN_IN, 403, 403,    200, 200,     403),
        "unknown":                      row(SIGN_IN, 404, 404,    404, 404,     404),
    },
    "skills:team_shared": {
        "RAA":                          row(SIGN_IN, 403, 200,    403, 403,     403),
        "RBA":                          row(SIGN_IN, 403, 403,    403, 403,     403),
        "unknown":                      row(SIGN_IN, 404, 404,    404, 404,     404),
    },
    "GET /api/v1/skills/frameworks":  {"": row(401, 200, 200, 200, 200, 200)},
    "GET /api/v1/skills/frameworks/{key}": {
        "matrix-skills":                row(401, 200, 200, 200, 200, 200),
        "unknown":                      row(401, 404, 404, 404, 404, 404),
    },
    "GET /api/v1/skills/assessments": {"": row(401, 200, 200, 200, 200, 200)},
    "POST /api/v1/skills/assessments": {"": EMPTY_POST},
    "GET /api/v1/skills/assessments/{assessment_id}": ASSESSMENT_API,
    "GET /api/v1/skills/assessments/{assessment_id}/gaps": ASSESSMENT_API,
    "PUT /api/v1/skills/assessments/{assessment_id}/ratings": {"own": EMPTY_PUT, "private": EMPTY_PUT},
    "POST /api/v1/skills/assessments/{assessment_id}/complete": {"own": EMPTY_POST, "private": EMPTY_POST},
    "GET /api/v1/skills/plan":        {"": row(401, 200, 200, 200, 200, 200)},
    "POST /api/v1/skills/plan":       {"": EMPTY_POST},
    "GET /api/v1/skills/rollups":     {"": row(401, 403, 200, 200, 200, 403)},
}
# fmt: on


def prepare(world: World) -> None:
    """The matrix framework; Sam's finished assessment shared with the manager; Cal's private one."""
    framework = services.framework_load(spec=parse_framework(FRAMEWORK))
    searching = SubArea.objects.get(framework=framework, number="1.1")
    shared = services.assessment_start(person=world.staff, framework=framework)
    services.ratings_save(assessment=shared, actor=world.staff, entries={searching: services.RatingInput(0, 2, "high")})
    services.assessment_complete(
        assessment=shared, actor=world.staff, reflection="Noted", share_with_manager=True, expected_version=1
    )
    private = services.assessment_start(person=world.colleague, framework=framework)
    services.ratings_save(assessment=private, actor=world.colleague, entries={searching: services.RatingInput(1, 2)})
    PlanAction.objects.create(person=world.colleague, kind="learn", description="Cal's private action")


def _own_unfinished(person: User) -> Assessment:
    framework = Framework.objects.get(key="matrix-skills")
    return services.assessment_start(person=person, framework=framework)


def path_kwargs(name: str, variant: str, world: World, viewer: User | None) -> dict[str, Any]:
    person = viewer or world.staff
    if name in {"skills:framework", "GET /api/v1/skills/frameworks/{key}"}:
        return {"key": "matrix-skills" if variant == "matrix-skills" else "no-such-framework"}
    if name == "skills:rollup_region":
        return {"code": {"london": "Y56", "north_west": "Y62"}.get(variant, "Y99")}
    if name in {"skills:rollup_organisation", "skills:team_shared"}:
        return {"ods_code": "ZZZ" if variant == "unknown" else variant}
    if name in {"skills:plan_action", "skills:plan_action_remove"}:
        if variant == "own":
            action = PlanAction.objects.create(person=person, kind="read", description="Read a book")
            return {"action_id": action.pk}
        if variant == "private":
            return {"action_id": PlanAction.objects.get(person=world.colleague).pk}
        return {"action_id": 999_999}
    if not variant:
        return {}
    assessment_id = {
        "own": lambda: _own_unfinished(person).pk,
        "shared": lambda: Assessment.objects.get(person=world.staff, is_latest=True).pk,
        "private": lambda: Assessment.objects.get(person=world.colleague).pk,
    }.get(variant, lambda: 999_999)()
    kwargs: dict[str, Any] = {"assessment_id": assessment_id}
    if name == "skills:assessment_area":
        kwargs["number"] = 1
    return kwargs


ROUTES = AppRoutes(expected=EXPECTED, path_kwargs=path_kwargs, prepare=prepare)
