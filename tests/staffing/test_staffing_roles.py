"""Who may see which staffing pages: figures for everyone signed in; returns and the board report for
those who oversee the organisation."""

import pytest

from lksworkforce.staffing.models import LksReturn
from tests.conftest import World
from tests.staffing.files import YEAR, census, published_return, service_manager, signed_in

FIGURES = ["/staffing/", "/staffing/regions/Y56/", "/staffing/organisations/RAA/", "/staffing/policy/"]
RETURNS = [
    "/staffing/organisations/RAA/returns/",
    f"/staffing/organisations/RAA/returns/{YEAR}/",
    "/staffing/organisations/RAA/board-report.pdf",
]


@pytest.fixture
def figures(world: World) -> World:
    census(world.london_a, "5000")
    census(world.london_b, "4321.50")
    published_return(world.london_a, [("1", "chartered"), ("0.5", "none")])
    return world


def test_a_staff_member_sees_figures_but_not_returns_or_the_board_report(figures: World) -> None:
    client = signed_in(figures.staff)  # a member of RAA's staff, with no other role
    for path in FIGURES:
        assert client.get(path).status_code == 200, path
    for path in RETURNS:
        assert client.get(path).status_code == 403, path
    page = client.get("/staffing/organisations/RAA/").content.decode()
    assert "board-report.pdf" not in page
    assert "Staff in post" not in page  # the breakdown of the service's staff is for those who oversee it


def test_a_manager_of_another_organisation_may_not_see_or_change_the_return(figures: World) -> None:
    client = signed_in(service_manager(figures.london_b))
    for path in RETURNS:
        assert client.get(path).status_code == 403, path
    lks_return = LksReturn.objects.get(organisation=figures.london_a)
    for action in ("correct", "submit", "publish", "reopen"):
        assert client.post(f"/staffing/organisations/RAA/returns/{YEAR}/{action}/").status_code == 403, action
    response = client.post(
        f"/staffing/organisations/RAA/returns/{YEAR}/posts/",
        {"post_title": "x", "role": "x", "band": "6", "wte": "1", "qualification": "none"},
    )
    assert response.status_code == 403
    assert LksReturn.objects.get(organisation=figures.london_a) == lks_return
    assert LksReturn.objects.count() == 1


def test_the_board_report_is_a_pdf_for_the_manager(figures: World) -> None:
    client = signed_in(figures.manager)
    for path in RETURNS[:2]:
        assert client.get(path).status_code == 200, path
    response = client.get(f"/staffing/organisations/RAA/board-report.pdf?year={YEAR}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="board-report-RAA-2025.pdf"' in response["Content-Disposition"]


def test_signed_out_people_are_sent_to_sign_in(figures: World) -> None:
    from django.test import Client

    client = Client()
    for path in FIGURES[:3] + RETURNS:
        assert client.get(path).status_code == 302, path
    assert client.get("/api/v1/staffing/ratios").status_code == 401
