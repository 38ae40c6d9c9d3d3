"""Learning over the API: recommendations."""

from ninja import Router

router = Router()
