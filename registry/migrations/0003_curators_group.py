"""The "Curators" group with exactly the permissions curators need.

The list is a frozen copy of ``registry.curation.CURATOR_PERMISSIONS``: a migration must keep meaning what it
meant when it was written, so it does not import app code. tests/registry/test_admin.py checks that the two agree;
a later change to the list needs a new migration as well. Only the registry's and the websites' models are named:
apps above the registry add views of their own models in their own migrations (pagebuilder 0005), so this one
adds its permissions rather than setting the list.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curators"
PERMISSIONS = [
    ("registry", "view_aisemanticcomponent"),
    ("registry", "change_aisemanticcomponent"),
    ("websites", "view_website"),
    ("websites", "view_brandguide"),
    ("websites", "view_seokeyword"),
    ("websites", "view_mediarecord"),
]


def create_curators_group(apps, schema_editor):
    # Permissions are normally made after `migrate` (post_migrate); on a fresh database they do not exist yet.
    using = schema_editor.connection.alias
    for label in sorted({app_label for app_label, _ in PERMISSIONS}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = [
        Permission.objects.using(using).get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PERMISSIONS
    ]
    group, _ = Group.objects.using(using).get_or_create(name=GROUP)
    group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0002_componentsyncstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("websites", "0001_initial"),
    ]

    # Reversing leaves the group: removing it would also drop every curator's membership.
    operations = [migrations.RunPython(create_curators_group, migrations.RunPython.noop)]
