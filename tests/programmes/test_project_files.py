"""A group project's output file: uploaded by those who run the cohort, kept under a random name in
the uploads folder (never the checkout, never the uploader's file name), downloaded only as an
attachment by the cohort's people; anyone else gets 404; a file of the wrong kind is refused."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from lksworkforce.programmes.models import GroupProject
from tests.conftest import World, client_for
from tests.programmes.factories import enrol
from tests.programmes.factories_applications import open_cohort, skills

pytestmark = pytest.mark.django_db
CONTENT = b"%PDF-1.4 our project poster"


def test_upload_then_download_as_an_attachment(world: World) -> None:
    cohort = open_cohort(skills(), region=None)
    enrol(cohort, world.staff)
    national = client_for(world.national)
    sent = national.post(
        f"/programmes/cohorts/{cohort.pk}/projects/new/",
        {"name": "Poster group", "topic": "Outreach", "members": [world.staff.pk],
         "output_file": SimpleUploadedFile("../../our poster.pdf", CONTENT, content_type="application/pdf")},
    )  # fmt: skip
    assert sent.status_code == 302, sent.content.decode()[:500]
    project = GroupProject.objects.get(cohort=cohort)
    stored = Path(settings.MEDIA_ROOT) / str(project.output_file.name)
    assert stored.read_bytes() == CONTENT
    assert stored.name.endswith(".pdf")
    assert "poster" not in stored.name
    assert Path(settings.MEDIA_ROOT).resolve() in stored.resolve().parents
    assert not str(stored.resolve()).startswith(str(settings.BASE_DIR / "lksworkforce"))

    got = client_for(world.staff).get(f"/programmes/projects/{project.pk}/file/")
    assert got.status_code == 200
    assert got["Content-Disposition"] == 'attachment; filename="poster-group.pdf"'
    assert got["Content-Type"] == "application/octet-stream"
    assert b"".join(got.streaming_content) == CONTENT  # type: ignore[attr-defined]
    assert client_for(world.outsider).get(f"/programmes/projects/{project.pk}/file/").status_code == 404


def test_a_file_of_the_wrong_kind_is_refused_and_nothing_saved(world: World) -> None:
    cohort = open_cohort(skills(), region=None)
    refused = client_for(world.national).post(
        f"/programmes/cohorts/{cohort.pk}/projects/new/",
        {"name": "Script group", "output_file": SimpleUploadedFile("run.exe", b"MZ...", content_type="text/plain")},
    )
    assert refused.status_code == 422
    assert "The file must be one of these kinds" in refused.content.decode()
    assert not GroupProject.objects.filter(cohort=cohort).exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.exe"))
