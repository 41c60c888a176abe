"""Scoring the bot's answers on a race's real coverage against a facts file.

`python -m evaluation.race FOLDER` ingests FOLDER (and seeds/) into a temporary database with
the real `natosg` command line (runner.py), asks `who-backs` and `who-opposes --as-of` each
day the facts file records and `candidates` once, and scores the replies (scoring.py, pure:
facts and replies in, counts out). Every expected answer comes from the facts file at run
time (facts.py); only the vocabulary of statuses lives in code (statuses.py).
"""
