"""Learning over the API: queue."""

from ninja import Router

router = Router()
