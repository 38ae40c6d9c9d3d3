"""Programmes over the API: feedback."""

from ninja import Router

router = Router()
