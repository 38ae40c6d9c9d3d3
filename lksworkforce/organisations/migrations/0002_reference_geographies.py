"""Reference data every installation needs: the two geographies the national team reports by."""

from django.db import migrations

GEOGRAPHIES = [
    {
        "key": "nhse-regions",
        "name": "NHS England regions",
        "description": "The seven NHS England regions.",
        "in_use_from": 2020,
        "regions": [
            ("Y56", "London"),
            ("Y59", "South East"),
            ("Y58", "South West"),
            ("Y60", "Midlands"),
            ("Y61", "East of England"),
            ("Y62", "North West"),
            ("Y63", "North East and Yorkshire"),
        ],
    },
    {
        "key": "lks-geographies-2018",
        "name": "LKS geographies (2018)",
        "description": "The four geographies the national LKS leads reported by in 2018.",
        "in_use_from": 2013,
        "in_use_until": 2019,
        "regions": [
            ("LKSS", "London and Kent, Surrey and Sussex"),
            ("MAE", "Midlands and East"),
            ("NORTH", "North"),
            ("SOUTH", "South"),
        ],
    },
]


def create(apps, schema_editor):
    Geography = apps.get_model("organisations", "Geography")
    Region = apps.get_model("organisations", "Region")
    for spec in GEOGRAPHIES:
        geography, _ = Geography.objects.update_or_create(
            key=spec["key"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "in_use_from": spec["in_use_from"],
                "in_use_until": spec.get("in_use_until"),
            },
        )
        for code, name in spec["regions"]:
            Region.objects.update_or_create(geography=geography, code=code, defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("organisations", "Geography").objects.filter(key__in=[g["key"] for g in GEOGRAPHIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
