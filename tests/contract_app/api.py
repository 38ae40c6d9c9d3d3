from django.http import HttpRequest
from ninja import Router, Schema

from lksworkforce.core.api_errors import responses

router = Router(tags=["Contract probe"])


class ProbeOut(Schema):
    answer: str


@router.get("/contract-probe", response=responses(ProbeOut), summary="The test capability's probe")
def probe(request: HttpRequest) -> dict[str, str]:
    return {"answer": "probed"}
