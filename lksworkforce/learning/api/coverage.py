"""Learning over the API: coverage."""

from ninja import Router

router = Router()
