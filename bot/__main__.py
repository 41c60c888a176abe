"""`python -m bot` is `natosg`."""

import sys

from bot.cli import main

sys.exit(main())
