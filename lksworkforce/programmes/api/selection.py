"""Programmes over the API: selection."""

from ninja import Router

router = Router()
