#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if sys.argv[1:2] in (["qcluster"], ["runserver"]):
        # Workers and the dev server run several short jobs side by side: BLAS threads inside each would only
        # fight over the cores (as in config/wsgi.py). Batch commands such as sync_registry keep them.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
