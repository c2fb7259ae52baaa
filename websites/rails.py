"""Conventions of the Rails application that owns most tables, expressed as small Django pieces.

Rails stores times as UTC in ``timestamp without time zone`` and sets ``created_at``/``updated_at`` itself,
so its tables have no database default for them. Models over those tables inherit ``RailsModel``, which
stamps both on ``save()``, ``bulk_create()`` and ``QuerySet.update()``.
"""

from datetime import UTC, datetime

from django.db import models
from django.utils import timezone


class RailsDateTimeField(models.DateTimeField):
    """A ``timestamp(6) without time zone`` column holding UTC, read back as an aware datetime."""

    def db_type(self, connection) -> str:
        return "timestamp(6) without time zone"

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def from_db_value(self, value, expression, connection):
        if isinstance(value, datetime) and timezone.is_naive(value):
            return value.replace(tzinfo=UTC)
        return value


class RailsQuerySet(models.QuerySet):
    def update(self, **kwargs):
        kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        now = timezone.now()
        for obj in objs:
            obj.created_at = obj.created_at or now
            obj.updated_at = now
        return super().bulk_create(objs, *args, **kwargs)


class RailsModel(models.Model):
    """Base for unmanaged models over Rails-owned tables."""

    created_at = RailsDateTimeField(editable=False)
    updated_at = RailsDateTimeField(editable=False)

    objects = RailsQuerySet.as_manager()

    class Meta:
        abstract = True
        managed = False

    def save(self, *args, **kwargs):
        now = timezone.now()
        if self.created_at is None:
            self.created_at = now
        self.updated_at = now
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)
