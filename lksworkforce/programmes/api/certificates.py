"""Programmes over the API: certificates."""

from ninja import Router

router = Router()
