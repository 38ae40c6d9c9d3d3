"""Learning over the API: catalogue."""

from ninja import Router

router = Router()
