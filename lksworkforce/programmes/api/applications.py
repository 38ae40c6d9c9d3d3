"""Programmes over the API: applications."""

from ninja import Router

router = Router()
