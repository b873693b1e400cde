"""``python -m crmlib.grading``: see ``crmlib.grading.cli``."""

import sys

from crmlib.grading.cli import main

if __name__ == "__main__":
    sys.exit(main())
