"""`ask`, in one place: the command (`command.py`; declared with the others in
`bot/commands/catalog.py`), stance questions answered from the stance engine (`stances.py`),
and every other question answered by retrieval over the stored sentences (`retrieval.py`; the
judgement itself is in `summarizer.answers`)."""
