"""Programmes over the API: setup."""

from ninja import Router

router = Router()
