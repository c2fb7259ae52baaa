"""Curators (the registry's group) may look at the pages and style guides blocks are chosen for.

A frozen copy of ``pagebuilder.curation.CURATOR_VIEWS`` (tests/registry/test_admin.py checks they agree). Granted
here, above the registry, because the registry may not know the models of the apps that use it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curators"
PERMISSIONS = [
    ("styleguides", "view_websitestyleguide"),
    ("pagebuilder", "view_pagecategory"),
]


def grant_views(apps, schema_editor):
    using = schema_editor.connection.alias
    for label in sorted({app_label for app_label, _ in PERMISSIONS}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # permissions are made after migrate; on a fresh database not yet
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=GROUP)
    group.permissions.add(
        *[
            Permission.objects.using(using).get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in PERMISSIONS
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pagebuilder", "0004_chat_and_undo"),
        ("registry", "0003_curators_group"),
        ("styleguides", "0001_initial"),
    ]

    # Reversing leaves the permissions: the group is the registry's, and its members keep working.
    operations = [migrations.RunPython(grant_views, migrations.RunPython.noop)]
