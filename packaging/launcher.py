"""The frozen app's entry point: the same as the ``workstation`` command of a pip install."""

from workstation.cli import main

raise SystemExit(main())
