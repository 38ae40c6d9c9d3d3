from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("skills", "0003_published_rollups_and_frozen_shares"),
    ]

    operations = [
        migrations.AddField(
            model_name="rating",
            name="carried_over",
            field=models.BooleanField(default=False, db_default=False),
        ),
    ]
