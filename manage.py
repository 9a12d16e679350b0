#!/usr/bin/env python
"""Django's command-line utility for Rental Service Desk."""

import os
import sys
from pathlib import Path

# `site/` is a source root, not a package: `site` is a standard-library module
# that Python imports at start-up. Its packages (config, home, contact) are
# made importable by putting the folder itself on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
