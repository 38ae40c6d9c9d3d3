"""The staffing figures surfaces (dashboard, region page, ratio_report) against one hand-written
SQL aggregate over the same tables, and the number of queries each surface runs."""

from collections.abc import Callable
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lksworkforce.accounts.models import User

BUDGET = 3.0
REGION_CODE = "Y56"
# Qualified WTE per organisation and year from counted returns, with the census figure beside it.
# CASE WHEN rather than FILTER (WHERE ...), so that SQLite runs it as well as PostgreSQL.
BASELINE_SQL = """
    SELECT r.organisation_id, r.year, c.nhs_wte,
           SUM(CASE WHEN p.is_qualified THEN p.wte ELSE 0 END) AS qualified_wte
    FROM staffing_lkspost p
    JOIN staffing_lksreturn r ON r.id = p.lks_return_id
    LEFT JOIN staffing_workforcecensus c ON c.organisation_id = r.organisation_id AND c.year = r.year
    WHERE r.is_counted
    GROUP BY r.organisation_id, r.year, c.nhs_wte
"""


def baseline_aggregate() -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(BASELINE_SQL)
        rows: list[tuple[object, ...]] = cursor.fetchall()
        return rows


def surfaces(user: User) -> dict[str, Callable[[], object]]:
    """Each surface as a call, read as `user` (national team: sees every organisation)."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def page(path: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} answered {response.status_code}")
            return response

        return get

    def ratio_report() -> object:
        stdout = StringIO()
        call_command("ratio_report", "--by", "organisation", "--format", "csv", stdout=stdout, stderr=StringIO())
        return stdout

    return {
        "dashboard": page("/staffing/"),
        "region_page": page(f"/staffing/regions/{REGION_CODE}/"),
        "ratio_report": ratio_report,
    }


def query_count(action: Callable[[], object]) -> int:
    action()  # warm: first-call work (sessions, caches) is not what is being counted
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)
