"""Learning over the API: exchange."""

from ninja import Router

router = Router()
