"""Programmes over the API: one router per part, gathered here for the app contract."""

from ninja import Router

from lksworkforce.programmes.api import (
    applications,
    attendance,
    certificates,
    equity,
    facilitators,
    feedback,
    selection,
    setup,
    setup_projects,
)

router = Router(tags=["Programmes"])
for part in (setup, setup_projects, applications, selection, attendance, certificates, feedback, facilitators, equity):
    router.add_router("", part.router)
