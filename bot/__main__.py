"""`python -m bot` is `natosg`."""

from bot.cli import entry

entry()
