"""Skills over the API: frameworks, a person's own assessments and plans, and roll-ups."""

from ninja import Router

router = Router(tags=["Skills"])
