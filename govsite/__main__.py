"""Allow ``python -m govsite``."""

import sys

from govsite.cli import main

sys.exit(main())
