"""Learning over the API: search."""

from ninja import Router

router = Router()
