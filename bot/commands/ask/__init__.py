"""`ask`, in one place: the command (`command.py`), stance questions answered from the stance
engine (`stances.py`), and every other question answered by retrieval over the stored
sentences (`retrieval.py`; the judgement itself is in `summarizer.answers`)."""

from bot.commands.ask.command import ASK

__all__ = ["ASK"]
