"""Programmes over the API: facilitators."""

from ninja import Router

router = Router()
