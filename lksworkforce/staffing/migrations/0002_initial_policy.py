"""The recommended ratio set in November 2019: 1 qualified per 1,250 NHS WTE; national average 1:1,730.
It is data: the national team records later reviews as new policies with their own dates."""

from datetime import date
from decimal import Decimal

from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("staffing", "RatioPolicyRecord").objects.get_or_create(
        effective_from=date(2019, 11, 1),
        defaults={
            "target_staff_per_qualified": Decimal("1250"),
            "reference_average": Decimal("1730"),
            "review_due": date(2022, 11, 1),
            "notes": "At least 1 qualified LKS WTE per 1,250 NHS WTE, for organisations at or worse than the national average. Monitored annually, reviewed every three years.",
        },
    )


def remove(apps, schema_editor):
    apps.get_model("staffing", "RatioPolicyRecord").objects.filter(effective_from=date(2019, 11, 1)).delete()


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
