"""Reading claims from sentences: stances, candidacy events and milestones, with their dates.

A sentence reader (reader.py) finds cues (cues.py, context_cues.py, event_cues.py), reads who
holds a stance (holders.py) toward whom (persons.py), how it was said (modality.py), the
holdouts group statements name (groups.py) and how the readings of one sentence settle
(backing.py); memory.py holds what earlier sentences of the article established.

May import: `records`, `summarizer.text`, `summarizer.entities`.
"""
