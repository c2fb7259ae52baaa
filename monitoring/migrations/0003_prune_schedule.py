"""A django-q2 schedule that deletes request tallies past METRICS_RETENTION_DAYS once a day."""

from django.db import migrations

NAME = "Prune old request tallies"


def create(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={"func": "monitoring.retention.prune_request_tallies", "schedule_type": "D", "repeats": -1},
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_alert_schedule")]

    operations = [migrations.RunPython(create, remove)]
