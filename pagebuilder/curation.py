"""What curators may see of the apps above the registry, and the Curators group restored with it."""

from django.contrib.auth.models import Group

from registry.curation import curators_group as registry_curators_group

# Curators look at (never change) the pages and style guides blocks are chosen for. The data migration
# pagebuilder/0005 holds a frozen copy; tests/registry/test_admin.py checks that they agree.
CURATOR_VIEWS = ("styleguides.view_websitestyleguide", "pagebuilder.view_pagecategory")


def curators_group() -> Group:
    """The "Curators" group with exactly the registry's curator permissions and ``CURATOR_VIEWS``."""
    return registry_curators_group(CURATOR_VIEWS)
