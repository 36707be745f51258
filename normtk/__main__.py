"""Allow ``python -m normtk``."""

from normtk.cli import main

main()
