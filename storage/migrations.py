"""Schema migrations: one small function per step, applied in order on open.

Never edit a step that has shipped; add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("natosg")


@MIGRATIONS()
def m001_articles(db: Database) -> None:
    """Articles as ingested: the clean body used for citations and the raw text kept."""
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            source_kind TEXT NOT NULL CHECK (source_kind IN ('file', 'url', 'feed')),
            url TEXT,
            content_hash TEXT NOT NULL UNIQUE,
            outlet TEXT,
            title TEXT,
            published TEXT,
            published_how TEXT NOT NULL,
            language TEXT,
            body TEXT NOT NULL,
            raw TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL
        )
        """
    )
    db.execute("CREATE INDEX articles_published ON articles(published)")
    db.execute("CREATE INDEX articles_source ON articles(source)")


@MIGRATIONS()
def m002_sentences(db: Database) -> None:
    """Sentences with exact offsets into the clean body, and their FTS5 index."""
    db.execute(
        """
        CREATE TABLE sentences (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (article_id, idx)
        )
        """
    )
    db.execute(
        """
        CREATE VIRTUAL TABLE sentences_fts USING fts5(
            text, content='sentences', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        )
        """
    )
    db.execute(
        """
        CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
            INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
            INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
        END
        """
    )


@MIGRATIONS()
def m003_overlap(db: Database) -> None:
    """Shared-passage detection: word-shingle postings and the links they produce."""
    db.execute(
        """
        CREATE TABLE shingles (
            hash INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (hash, article_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX shingles_article ON shingles(article_id)")
    db.execute(
        """
        CREATE TABLE article_links (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            other_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('overlap', 'near_duplicate')),
            shared INTEGER NOT NULL,
            containment REAL NOT NULL,
            PRIMARY KEY (article_id, other_id)
        )
        """
    )


@MIGRATIONS()
def m004_claims(db: Database) -> None:
    """Claims extracted from sentences; re-derivable, so they cascade with their sentence."""
    db.execute(
        """
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('stance', 'candidacy', 'event')),
            candidate TEXT,
            holder TEXT,
            holder_text TEXT,
            stance TEXT CHECK (stance IN ('supports', 'opposes', 'conditional', 'undecided')),
            event TEXT CHECK (event IN ('declares', 'considers', 'nominated', 'withdraws',
                                        'appointed', 'denies')),
            event_date TEXT,
            date_from_text INTEGER NOT NULL DEFAULT 0,
            reported INTEGER NOT NULL DEFAULT 0,
            hedged INTEGER NOT NULL DEFAULT 0,
            aggregate TEXT,
            grounds TEXT,
            description TEXT,
            extractor TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX claims_candidate ON claims(candidate, kind)")
    db.execute("CREATE INDEX claims_holder ON claims(holder)")
    db.execute("CREATE INDEX claims_date ON claims(event_date)")
    db.execute("CREATE INDEX claims_article ON claims(article_id)")


@MIGRATIONS()
def m005_digests(db: Database) -> None:
    """Built digests: their items, the sentences each item cites, and the articles they cite
    or first reported (`is_new`). Coverage is every article up to `latest_article_id`."""
    db.execute(
        """
        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            digest_date TEXT NOT NULL,
            built_at TEXT NOT NULL,
            backend TEXT NOT NULL,
            title TEXT NOT NULL,
            latest_article_id INTEGER NOT NULL DEFAULT 0,
            article_count INTEGER NOT NULL DEFAULT 0,
            previous_id INTEGER REFERENCES digests(id) ON DELETE SET NULL,
            note TEXT
        )
        """
    )
    db.execute("CREATE INDEX digests_date ON digests(digest_date, id)")
    db.execute(
        """
        CREATE TABLE digest_items (
            id INTEGER PRIMARY KEY,
            digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            section TEXT NOT NULL,
            section_key TEXT NOT NULL,
            style TEXT NOT NULL DEFAULT 'bullets',
            text TEXT NOT NULL,
            UNIQUE (digest_id, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE digest_citations (
            item_id INTEGER NOT NULL REFERENCES digest_items(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id),
            PRIMARY KEY (item_id, ord)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE digest_articles (
            digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            is_new INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (digest_id, article_id)
        ) WITHOUT ROWID
        """
    )


@MIGRATIONS()
def m006_threads(db: Database) -> None:
    """Conversations with the bot (`ask`): a thread per chat thread or `--thread` key, and its
    turns with what each was about (so pronouns resolve later) and the sentences it cited."""
    db.execute(
        """
        CREATE TABLE threads (
            id INTEGER PRIMARY KEY,
            thread_key TEXT NOT NULL,
            surface TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT '',
            digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (surface, channel, thread_key)
        )
        """
    )
    db.execute("CREATE INDEX threads_digest ON threads(digest_id)")
    db.execute(
        """
        CREATE TABLE thread_turns (
            id INTEGER PRIMARY KEY,
            thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question TEXT NOT NULL,
            resolved TEXT NOT NULL,
            answer TEXT NOT NULL,
            answer_kind TEXT NOT NULL
                CHECK (answer_kind IN ('stance', 'passages', 'not_covered')),
            intent TEXT NOT NULL CHECK (intent IN ('stance', 'passages')),
            stance_filter TEXT,
            candidate TEXT,
            holder TEXT,
            entities TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            UNIQUE (thread_id, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE thread_citations (
            turn_id INTEGER NOT NULL REFERENCES thread_turns(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            PRIMARY KEY (turn_id, ord)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX thread_citations_sentence ON thread_citations(sentence_id)")


@MIGRATIONS()
def m007_llm(db: Database) -> None:
    """Language-model completions cached by a hash of model and messages, and a log of every
    call with its token use (cached answers cost nothing and are logged as such)."""
    db.execute(
        """
        CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            response TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE llm_calls (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            model TEXT NOT NULL,
            purpose TEXT NOT NULL,
            cached INTEGER NOT NULL DEFAULT 0,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            error TEXT NOT NULL DEFAULT ''
        )
        """
    )


@MIGRATIONS()
def m008_chat_posts(db: Database) -> None:
    """Messages the bot posted in chat channels (digests), so replies in their threads are
    recognised as follow-ups: Slack's message `ts`, Discord's message and thread ids."""
    db.execute(
        """
        CREATE TABLE chat_posts (
            id INTEGER PRIMARY KEY,
            surface TEXT NOT NULL,
            channel TEXT NOT NULL,
            message_id TEXT NOT NULL,
            thread_id TEXT NOT NULL,
            digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL,
            kind TEXT NOT NULL DEFAULT 'digest',
            posted_at TEXT NOT NULL,
            UNIQUE (surface, channel, message_id)
        )
        """
    )
    db.execute("CREATE INDEX chat_posts_thread ON chat_posts(surface, thread_id)")


@MIGRATIONS()
def m009_subscriptions(db: Database) -> None:
    """Daily digest subscriptions per channel, and one delivery row per subscription and local
    date: claimed before posting and finished after, so no day is posted twice."""
    db.execute(
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            surface TEXT NOT NULL,
            channel TEXT NOT NULL,
            hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
            minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59),
            timezone TEXT NOT NULL,
            created_by TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (surface, channel)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            local_date TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('posting', 'posted', 'nothing_new', 'missed', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 1,
            digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL,
            message_id TEXT,
            error TEXT,
            claimed_at TEXT NOT NULL,
            finished_at TEXT,
            UNIQUE (subscription_id, local_date)
        )
        """
    )


@MIGRATIONS()
def m010_revision_and_fingerprints(db: Database) -> None:
    """A counter that every change to claims, articles or sentences bumps, and a random token
    naming this database: together they key the in-process cache of parsed claims. And the
    fingerprint of every document read from a source, so re-reading an unchanged file finds
    its article without cleaning it again."""
    db.execute(
        """
        CREATE TABLE document_fingerprints (
            source TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            title TEXT,
            PRIMARY KEY (source, fingerprint)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX document_fingerprints_article ON document_fingerprints(article_id)")
    db.execute(
        """
        CREATE TABLE claim_revision (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            token TEXT NOT NULL,
            value INTEGER NOT NULL
        )
        """
    )
    db.execute("INSERT INTO claim_revision VALUES (1, lower(hex(randomblob(8))), 0)")
    for table, events in (
        ("claims", ("INSERT", "UPDATE", "DELETE")),
        ("articles", ("INSERT", "UPDATE", "DELETE")),
        ("sentences", ("UPDATE", "DELETE")),
    ):
        for event in events:
            db.execute(
                f"CREATE TRIGGER {table}_revision_{event.lower()} AFTER {event} ON {table} "
                "BEGIN UPDATE claim_revision SET value = value + 1; END"
            )


@MIGRATIONS()
def m011_claim_readings(db: Database) -> None:
    """How each claim was said (polarity, modality, aspect, scope, holdout), how its date was
    resolved, and whether it counts toward a current stance; more candidacy events (taking
    office, leaving another office, another post). SQLite cannot widen a CHECK in place, so
    the table is copied; its revision triggers are made again."""
    db.execute(
        """
        CREATE TABLE claims_new (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('stance', 'candidacy', 'event')),
            candidate TEXT,
            holder TEXT,
            holder_text TEXT,
            stance TEXT CHECK (stance IN ('supports', 'opposes', 'conditional', 'undecided')),
            event TEXT CHECK (event IN ('declares', 'considers', 'nominated', 'withdraws',
                                        'appointed', 'denies', 'takes_office', 'left_office',
                                        'other_post')),
            event_date TEXT,
            date_from_text INTEGER NOT NULL DEFAULT 0,
            reported INTEGER NOT NULL DEFAULT 0,
            hedged INTEGER NOT NULL DEFAULT 0,
            aggregate TEXT,
            grounds TEXT,
            description TEXT,
            extractor TEXT NOT NULL,
            polarity TEXT NOT NULL DEFAULT 'affirmed' CHECK (polarity IN ('affirmed', 'negated')),
            modality TEXT NOT NULL DEFAULT 'stated',
            aspect TEXT NOT NULL DEFAULT 'current' CHECK (aspect IN ('current', 'ended')),
            date_how TEXT,
            date_precision TEXT CHECK (date_precision IN ('day', 'week', 'month')),
            scope TEXT NOT NULL DEFAULT 'holder',
            holdout INTEGER NOT NULL DEFAULT 0,
            counts INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    columns = (
        "id, article_id, sentence_id, kind, candidate, holder, holder_text, stance, event, "
        "event_date, date_from_text, reported, hedged, aggregate, grounds, description, extractor"
    )
    db.execute(f"INSERT INTO claims_new ({columns}) SELECT {columns} FROM claims")
    db.execute("DROP TABLE claims")
    db.execute("ALTER TABLE claims_new RENAME TO claims")
    db.execute("CREATE INDEX claims_candidate ON claims(candidate, kind)")
    db.execute("CREATE INDEX claims_holder ON claims(holder)")
    db.execute("CREATE INDEX claims_date ON claims(event_date)")
    db.execute("CREATE INDEX claims_article ON claims(article_id)")
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER claims_revision_{event.lower()} AFTER {event} ON claims "
            "BEGIN UPDATE claim_revision SET value = value + 1; END"
        )


@MIGRATIONS()
def m012_alerts(db: Database) -> None:
    """Channels told at once when the race changes, and each change sent to each of them:
    recorded before it is posted, under a unique (subscription, change) key, so no change is
    ever posted twice, across restarts too."""
    db.execute(
        """
        CREATE TABLE alert_subscriptions (
            id INTEGER PRIMARY KEY,
            surface TEXT NOT NULL,
            channel TEXT NOT NULL,
            after_article_id INTEGER NOT NULL DEFAULT 0,
            created_by TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (surface, channel)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE alerts_sent (
            subscription_id INTEGER NOT NULL
                REFERENCES alert_subscriptions(id) ON DELETE CASCADE,
            change_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'failed')),
            message_id TEXT,
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (subscription_id, change_key)
        ) WITHOUT ROWID
        """
    )


@MIGRATIONS()
def m013_watches(db: Database) -> None:
    """Watched feeds and pages, polled by `natosg run`: where each one stands (validators for
    conditional requests, the next poll time, errors) and the items already handled, so an
    item is read once and a restart resumes the schedule."""
    db.execute(
        """
        CREATE TABLE watches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL UNIQUE,
            every_s INTEGER NOT NULL CHECK (every_s > 0),
            kind TEXT,
            etag TEXT,
            last_modified TEXT,
            next_poll_at TEXT NOT NULL,
            last_fetch_at TEXT,
            last_outcome TEXT,
            last_new_at TEXT,
            last_error TEXT,
            failing_since TEXT,
            errors INTEGER NOT NULL DEFAULT 0,
            kept INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            added_by TEXT,
            added_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE watch_items (
            watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
            item_key TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('kept', 'skipped', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 1,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (watch_id, item_key)
        ) WITHOUT ROWID
        """
    )


@MIGRATIONS()
def m014_people_seen(db: Database) -> None:
    """What each article says of who a person is (a full name with the nationality or office
    beside it, or a person read as a contender), so that a surname or "the Dane" in one
    article is read with what another taught. Filled at ingest and by `rebuild-claims`."""
    db.execute(
        """
        CREATE TABLE people_seen (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            seen_on TEXT,
            country TEXT,
            role TEXT,
            contender INTEGER NOT NULL DEFAULT 0,
            times INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute("CREATE INDEX people_seen_article ON people_seen(article_id)")
    # Covers the per-person summary read before every ingest (storage.people).
    db.execute(
        "CREATE INDEX people_seen_person "
        "ON people_seen(name, country, role, contender, seen_on, times)"
    )


@MIGRATIONS()
def m015_race_results(db: Database) -> None:
    """Results derived from every claim (the candidates, the timeline), each kept with the
    revision of the archive it was computed at and a fingerprint of the code that computed
    it, so a new process reads one row instead of every claim. A row whose revision or code
    is not the current one is never used; it is replaced when the result is next computed."""
    db.execute(
        """
        CREATE TABLE race_results (
            name TEXT PRIMARY KEY,
            token TEXT NOT NULL,
            revision INTEGER NOT NULL,
            code TEXT NOT NULL,
            payload TEXT NOT NULL
        ) WITHOUT ROWID
        """
    )


@MIGRATIONS()
def m016_claim_removals(db: Database) -> None:
    """Every claim removed, by id, in order (an article read again, or deleted): a process
    that holds the claims in memory drops exactly those and reads only the new ones, instead
    of reading every claim again. Only the newest 50,000 are kept: a process further behind
    reads every claim, as it would for any larger change. AUTOINCREMENT numbers them without
    gaps or reuse, so a reader can tell whether every removal since it last read is there."""
    db.execute(
        "CREATE TABLE claim_removals ("
        "seq INTEGER PRIMARY KEY AUTOINCREMENT, claim_id INTEGER NOT NULL)"
    )
    db.execute(
        """
        CREATE TRIGGER claims_removal AFTER DELETE ON claims BEGIN
            INSERT INTO claim_removals (claim_id) VALUES (old.id);
            DELETE FROM claim_removals
            WHERE seq <= (SELECT max(seq) FROM claim_removals) - 50000;
        END
        """
    )


@MIGRATIONS()
def m017_full_text_later(db: Database) -> None:
    """Sentences whose full-text entries are written later (storage/full_text.py): a bulk
    ingest marks the ids of the sentences it stores as pending, and the triggers leave
    them to it."""
    db.execute("CREATE TABLE fts_pending (first_id INTEGER NOT NULL, last_id INTEGER NOT NULL)")
    not_pending = "NOT EXISTS (SELECT 1 FROM fts_pending WHERE {}.id BETWEEN first_id AND last_id)"
    for trigger in ("sentences_ai", "sentences_ad", "sentences_au"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute(
        f"""
        CREATE TRIGGER sentences_ai AFTER INSERT ON sentences
        WHEN {not_pending.format("new")} BEGIN
            INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
        END
        """
    )
    db.execute(
        f"""
        CREATE TRIGGER sentences_ad AFTER DELETE ON sentences
        WHEN {not_pending.format("old")} BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
        END
        """
    )
    # A pending sentence changed in place is indexed as it then reads, when its turn comes.
    db.execute(
        f"""
        CREATE TRIGGER sentences_au AFTER UPDATE ON sentences
        WHEN {not_pending.format("old")} BEGIN
            INSERT INTO sentences_fts(sentences_fts, rowid, text)
            VALUES ('delete', old.id, old.text);
            INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
        END
        """
    )
