"""The development needs survey over the API."""

from ninja import Router

router = Router(tags=["Surveys"])
