"""Learning over the API: records."""

from ninja import Router

router = Router()
