"""Programmes over the API: attendance."""

from ninja import Router

router = Router()
