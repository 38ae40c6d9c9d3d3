"""A service manager's annual return through the pages: upload, edit, submit; the regional lead
publishes; a correction makes version 2 while version 1 is still counted."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lksworkforce.core.models import AuditEvent
from lksworkforce.organisations.models import Organisation
from lksworkforce.staffing.models import LksPost, LksReturn, ReturnStatus
from tests.concurrency import opened
from tests.conftest import TestResponse, World
from tests.factories import OrganisationFactory, current_region, place_in_region
from tests.staffing.files import (
    RETURN_HEADER,
    RETURN_ROWS,
    YEAR,
    census,
    csv_bytes,
    regional_lead,
    signed_in,
    snapshot,
)

RETURN = f"/staffing/organisations/RAA/returns/{YEAR}/"
RAA_ROWS = [r for r in RETURN_ROWS if r[0] == "RAA"]  # qualified 1.80 WTE of 2.30


def upload(client: Client, rows: list[list[str]], version: str | None = None) -> TestResponse:
    file = SimpleUploadedFile("return.csv", csv_bytes(RETURN_HEADER, rows), content_type="text/csv")
    if version is not None:  # a form the page no longer shows
        return client.post(RETURN + "upload/", {"file": file, "edit_version": version})
    return client.post(RETURN + "upload/", opened(client, RETURN, file=file))


def saved_version(ods_code: str = "RAA", year: int = YEAR) -> str:
    latest = LksReturn.objects.filter(organisation__ods_code=ods_code, year=year).order_by("-version").first()
    return str(latest.edit_version if latest else 0)


def qualified_wte(client: Client) -> float | None:
    response = client.get(f"/api/v1/staffing/organisations/RAA?year={YEAR}")
    assert response.status_code == 200
    qualified: float | None = response.json()["figure"]["qualified_wte"]
    return qualified


def versions() -> list[tuple[int, str, bool]]:
    return list(
        LksReturn.objects.filter(organisation__ods_code="RAA", year=YEAR)
        .order_by("version")
        .values_list("version", "status", "is_counted")
    )


def test_draft_submit_publish_and_correct(world: World) -> None:
    census(world.london_a, "5000")
    manager, lead = signed_in(world.manager), signed_in(regional_lead("Y56"))

    # Rows for another organisation are rejected, with the row named; nothing is stored.
    before = snapshot()
    response = upload(manager, [*RAA_ROWS, RETURN_ROWS[3]])
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was not imported" in html
    assert "This return is for RAA; the row is for another organisation" in html
    assert ">5</td>" in html  # the file line of the RAB row
    assert snapshot() == before

    # A good upload makes the draft, version 1.
    response = upload(manager, RAA_ROWS)
    assert response.status_code == 302
    assert versions() == [(1, ReturnStatus.DRAFT, False)]
    draft = LksReturn.objects.get(organisation=world.london_a, year=YEAR)
    assert draft.posts.count() == 3
    assert qualified_wte(manager) is None  # a draft is not counted: missing, not zero

    # A post with a bad WTE: the form error is shown next to the field and nothing is stored.
    before = snapshot()
    bad_post = {
        "post_title": "Outreach librarian",
        "role": "outreach librarian",
        "band": "6",
        "wte": "1.5",
        "qualification": "chartered",
    }
    response = manager.post(RETURN + "posts/", opened(manager, RETURN, **bad_post))
    assert response.status_code == 200
    assert "WTE must be 1.00 or less: one row is one person" in response.content.decode()
    assert snapshot() == before
    response = manager.post(RETURN + "posts/", opened(manager, RETURN, **{**bad_post, "wte": "0.5"}))
    assert response.status_code == 302
    assert draft.posts.count() == 4

    # Submit; the service manager may not publish their own return.
    assert manager.post(RETURN + "submit/", opened(manager, RETURN)).status_code == 302
    assert versions() == [(1, ReturnStatus.SUBMITTED, False)]
    assert manager.post(RETURN + "publish/", {"edit_version": saved_version()}).status_code == 403
    assert versions() == [(1, ReturnStatus.SUBMITTED, False)]

    # The regional lead of the organisation's region publishes: the figures use it.
    assert lead.post(RETURN + "publish/", opened(lead, RETURN)).status_code == 302
    assert versions() == [(1, ReturnStatus.PUBLISHED, True)]
    assert qualified_wte(manager) == 2.3

    # A correction: version 2 copies the posts; version 1 is kept and still counted.
    assert manager.post(RETURN + "correct/", opened(manager, RETURN)).status_code == 302
    assert versions() == [(1, ReturnStatus.PUBLISHED, True), (2, ReturnStatus.DRAFT, False)]
    v1, v2 = LksReturn.objects.filter(organisation=world.london_a, year=YEAR).order_by("version")
    fields = ("post_title", "role", "band", "wte", "qualification", "is_qualified", "headcount", "specialty")
    assert list(v2.posts.values_list(*fields)) == list(v1.posts.values_list(*fields))
    assert v2.corrects_id == v1.pk
    response = manager.post(
        RETURN + "posts/", opened(manager, RETURN, **{**bad_post, "wte": "1.00", "qualification": "fellow"})
    )
    assert response.status_code == 302
    assert manager.post(RETURN + "submit/", opened(manager, RETURN)).status_code == 302
    assert qualified_wte(manager) == 2.3  # still version 1 until version 2 is published

    assert lead.post(RETURN + "publish/", opened(lead, RETURN)).status_code == 302
    assert versions() == [(1, ReturnStatus.SUPERSEDED, False), (2, ReturnStatus.PUBLISHED, True)]
    assert qualified_wte(manager) == 3.3
    assert LksPost.objects.filter(lks_return=v1).count() == 4  # the superseded version is kept whole
    assert LksPost.objects.filter(lks_return=v2).count() == 5

    actions = list(AuditEvent.objects.filter(object_type="staffing.lksreturn").values_list("action", flat=True))
    for action in (
        "lks_return.draft_opened",
        "lks_return.uploaded",
        "lks_post.added",
        "lks_return.submitted",
        "lks_return.published",
    ):
        assert action in actions

    # Both versions are listed on the returns page.
    page = manager.get("/staffing/organisations/RAA/returns/").content.decode()
    assert "Superseded by a correction" in page
    assert "(used for figures)" in page


def test_a_submitted_return_cannot_be_changed_by_upload(world: World) -> None:
    census(world.london_a, "5000")
    manager = signed_in(world.manager)
    upload(manager, RAA_ROWS)
    manager.post(RETURN + "submit/", opened(manager, RETURN))
    before = snapshot()
    response = upload(manager, RAA_ROWS[:1], version=saved_version())
    assert response.status_code == 200
    assert "This return has been submitted" in response.content.decode()
    assert snapshot() == before


def test_a_lead_of_another_region_may_not_publish(world: World) -> None:
    census(world.london_a, "5000")
    manager = signed_in(world.manager)
    upload(manager, RAA_ROWS)
    manager.post(RETURN + "submit/", opened(manager, RETURN))
    # world.regional_lead leads North West; RAA is in London.
    assert signed_in(world.regional_lead).post(RETURN + "publish/").status_code == 403
    assert versions() == [(1, ReturnStatus.SUBMITTED, False)]
    # The national team may.
    national = signed_in(world.national)
    assert national.post(RETURN + "publish/", opened(national, RETURN)).status_code == 302
    assert versions() == [(1, ReturnStatus.PUBLISHED, True)]


def test_an_impact_summary_too_long_is_an_error_by_the_field_and_changes_nothing(world: World) -> None:
    census(world.london_a, "5000")
    manager = signed_in(world.manager)
    upload(manager, RAA_ROWS)
    manager.post(RETURN + "impact/", opened(manager, RETURN, impact_summary="Searches for 40 teams."))
    before = snapshot()

    response = manager.post(RETURN + "impact/", opened(manager, RETURN, impact_summary="x" * 5001))

    assert response.status_code == 200
    html = response.content.decode()
    assert "The impact summary must be 5,000 characters or fewer" in html
    assert 'id="id_impact_summary-error"' in html  # next to the field, not a generic warning
    assert "Start the return before" not in html
    assert snapshot() == before
    assert LksReturn.objects.get(organisation=world.london_a, year=YEAR).impact_summary == "Searches for 40 teams."


def submitted_return(organisation: Organisation, year: int) -> LksReturn:
    lks_return = LksReturn.objects.create(organisation=organisation, year=year, status=ReturnStatus.SUBMITTED)
    LksPost.objects.create(
        lks_return=lks_return, post_title="Librarian", role="librarian", band="6", wte=1, qualification="chartered"
    )
    return lks_return


def test_an_organisation_that_moved_regions_is_published_by_each_years_own_lead(world: World) -> None:
    """RMV was in London in 2024 and in the North West from 2025. London's lead publishes its 2024
    return, the North West's lead its 2025 one; each may still read the other year's."""
    mover = OrganisationFactory.create(ods_code="RMV", name="Mover Hospitals NHS Trust")
    place_in_region(mover, current_region("Y56"), 2024)
    place_in_region(mover, current_region("Y62"), 2025)
    london, north_west = signed_in(regional_lead("Y56")), signed_in(world.regional_lead)
    returns = {year: submitted_return(mover, year) for year in (2024, 2025, 2026)}

    def status(year: int) -> str:
        returns[year].refresh_from_db()
        return returns[year].status

    def page(client: Client, year: int) -> str:
        response = client.get(f"/staffing/organisations/RMV/returns/{year}/")
        assert response.status_code == 200
        return response.content.decode()

    publish_button = 'action="/staffing/organisations/RMV/returns/{year}/publish/"'
    for lead, own, other in ((london, 2024, 2025), (north_west, 2025, 2024)):
        assert publish_button.format(year=own) in page(lead, own)
        assert publish_button.format(year=other) not in page(lead, other)  # seen, but not theirs to publish
        for action in ("publish", "reopen"):
            assert lead.post(f"/staffing/organisations/RMV/returns/{other}/{action}/").status_code == 403
        assert status(other) == ReturnStatus.SUBMITTED
    assert (
        london.post(
            "/staffing/organisations/RMV/returns/2024/publish/",
            opened(london, "/staffing/organisations/RMV/returns/2024/"),
        ).status_code
        == 302
    )
    assert status(2024) == ReturnStatus.PUBLISHED
    assert (
        north_west.post(
            "/staffing/organisations/RMV/returns/2025/reopen/",
            opened(north_west, "/staffing/organisations/RMV/returns/2025/"),
        ).status_code
        == 302
    )
    assert status(2025) == ReturnStatus.DRAFT

    # 2026's census is not in yet, so no region is recorded for 2026: the latest one, the North
    # West's, is the organisation's region until it is.
    assert london.post("/staffing/organisations/RMV/returns/2026/publish/").status_code == 403
    assert (
        north_west.post(
            "/staffing/organisations/RMV/returns/2026/publish/",
            opened(north_west, "/staffing/organisations/RMV/returns/2026/"),
        ).status_code
        == 302
    )
    assert status(2026) == ReturnStatus.PUBLISHED
