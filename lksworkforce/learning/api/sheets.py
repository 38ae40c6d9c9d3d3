"""Learning over the API: sheets."""

from ninja import Router

router = Router()
