"""Measuring the project: the extraction on labelled sentences, the answers on a race's coverage.

Owns the scorers behind `make eval` (evaluation/sentences.py) and `make eval-race`
(evaluation/race/). May import records/ and summarizer/ (the extractor, the sentence splitter
and the entity resolver); the race scorer reaches the bot only through the `natosg` command
line. Nothing here knows a fact of any race: every expected answer is read from the labelled
files at run time.
"""
