"""Programmes over the API: equity."""

from ninja import Router

router = Router()
