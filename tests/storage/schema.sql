-- index articles_published
CREATE INDEX articles_published ON articles(published);
-- index articles_source
CREATE INDEX articles_source ON articles(source);
-- index chat_posts_thread
CREATE INDEX chat_posts_thread ON chat_posts(surface, thread_id);
-- index claims_article
CREATE INDEX claims_article ON claims(article_id);
-- index claims_candidate
CREATE INDEX claims_candidate ON claims(candidate, kind);
-- index claims_date
CREATE INDEX claims_date ON claims(event_date);
-- index claims_holder
CREATE INDEX claims_holder ON claims(holder);
-- index digests_date
CREATE INDEX digests_date ON digests(digest_date, id);
-- index document_fingerprints_article
CREATE INDEX document_fingerprints_article ON document_fingerprints(article_id);
-- index idx__sqlite_migrations_migration_set_name
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations" ("migration_set", "name");
-- index people_seen_article
CREATE INDEX people_seen_article ON people_seen(article_id);
-- index people_seen_person
CREATE INDEX people_seen_person ON people_seen(name, country, role, contender, seen_on, times);
-- index shingles_article
CREATE INDEX shingles_article ON shingles(article_id);
-- index thread_citations_sentence
CREATE INDEX thread_citations_sentence ON thread_citations(sentence_id);
-- index threads_digest
CREATE INDEX threads_digest ON threads(digest_id);
-- table _sqlite_migrations
CREATE TABLE "_sqlite_migrations" ( "id" INTEGER PRIMARY KEY, "migration_set" TEXT, "name" TEXT, "applied_at" TEXT );
-- table alert_subscriptions
CREATE TABLE alert_subscriptions ( id INTEGER PRIMARY KEY, surface TEXT NOT NULL, channel TEXT NOT NULL, after_article_id INTEGER NOT NULL DEFAULT 0, created_by TEXT, created_at TEXT NOT NULL, UNIQUE (surface, channel) );
-- table alerts_sent
CREATE TABLE alerts_sent ( subscription_id INTEGER NOT NULL REFERENCES alert_subscriptions(id) ON DELETE CASCADE, change_key TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'failed')), message_id TEXT, claimed_at TEXT NOT NULL, PRIMARY KEY (subscription_id, change_key) ) WITHOUT ROWID;
-- table article_links
CREATE TABLE article_links ( article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, other_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, kind TEXT NOT NULL CHECK (kind IN ('overlap', 'near_duplicate')), shared INTEGER NOT NULL, containment REAL NOT NULL, PRIMARY KEY (article_id, other_id) );
-- table articles
CREATE TABLE articles ( id INTEGER PRIMARY KEY, source TEXT NOT NULL, source_kind TEXT NOT NULL CHECK (source_kind IN ('file', 'url', 'feed')), url TEXT, content_hash TEXT NOT NULL UNIQUE, outlet TEXT, title TEXT, published TEXT, published_how TEXT NOT NULL, language TEXT, body TEXT NOT NULL, raw TEXT NOT NULL, ingested_at TEXT NOT NULL, duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL );
-- table chat_posts
CREATE TABLE chat_posts ( id INTEGER PRIMARY KEY, surface TEXT NOT NULL, channel TEXT NOT NULL, message_id TEXT NOT NULL, thread_id TEXT NOT NULL, digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL, kind TEXT NOT NULL DEFAULT 'digest', posted_at TEXT NOT NULL, UNIQUE (surface, channel, message_id) );
-- table claim_removals
CREATE TABLE claim_removals (seq INTEGER PRIMARY KEY AUTOINCREMENT, claim_id INTEGER NOT NULL);
-- table claim_revision
CREATE TABLE claim_revision ( id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, value INTEGER NOT NULL );
-- table claims
CREATE TABLE "claims" ( id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE, kind TEXT NOT NULL CHECK (kind IN ('stance', 'candidacy', 'event')), candidate TEXT, holder TEXT, holder_text TEXT, stance TEXT CHECK (stance IN ('supports', 'opposes', 'conditional', 'undecided')), event TEXT CHECK (event IN ('declares', 'considers', 'nominated', 'withdraws', 'appointed', 'denies', 'takes_office', 'left_office', 'other_post')), event_date TEXT, date_from_text INTEGER NOT NULL DEFAULT 0, reported INTEGER NOT NULL DEFAULT 0, hedged INTEGER NOT NULL DEFAULT 0, aggregate TEXT, grounds TEXT, description TEXT, extractor TEXT NOT NULL, polarity TEXT NOT NULL DEFAULT 'affirmed' CHECK (polarity IN ('affirmed', 'negated')), modality TEXT NOT NULL DEFAULT 'stated', aspect TEXT NOT NULL DEFAULT 'current' CHECK (aspect IN ('current', 'ended')), date_how TEXT, date_precision TEXT CHECK (date_precision IN ('day', 'week', 'month')), scope TEXT NOT NULL DEFAULT 'holder', holdout INTEGER NOT NULL DEFAULT 0, counts INTEGER NOT NULL DEFAULT 1 );
-- table deliveries
CREATE TABLE deliveries ( id INTEGER PRIMARY KEY, subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE, local_date TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('posting', 'posted', 'nothing_new', 'missed', 'failed')), attempts INTEGER NOT NULL DEFAULT 1, digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL, message_id TEXT, error TEXT, claimed_at TEXT NOT NULL, finished_at TEXT, UNIQUE (subscription_id, local_date) );
-- table digest_articles
CREATE TABLE digest_articles ( digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, is_new INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (digest_id, article_id) ) WITHOUT ROWID;
-- table digest_citations
CREATE TABLE digest_citations ( item_id INTEGER NOT NULL REFERENCES digest_items(id) ON DELETE CASCADE, ord INTEGER NOT NULL, sentence_id INTEGER NOT NULL REFERENCES sentences(id), PRIMARY KEY (item_id, ord) ) WITHOUT ROWID;
-- table digest_items
CREATE TABLE digest_items ( id INTEGER PRIMARY KEY, digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE, position INTEGER NOT NULL, section TEXT NOT NULL, section_key TEXT NOT NULL, style TEXT NOT NULL DEFAULT 'bullets', text TEXT NOT NULL, UNIQUE (digest_id, position) );
-- table digests
CREATE TABLE digests ( id INTEGER PRIMARY KEY, digest_date TEXT NOT NULL, built_at TEXT NOT NULL, backend TEXT NOT NULL, title TEXT NOT NULL, latest_article_id INTEGER NOT NULL DEFAULT 0, article_count INTEGER NOT NULL DEFAULT 0, previous_id INTEGER REFERENCES digests(id) ON DELETE SET NULL, note TEXT );
-- table document_fingerprints
CREATE TABLE document_fingerprints ( source TEXT NOT NULL, fingerprint TEXT NOT NULL, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, title TEXT, PRIMARY KEY (source, fingerprint) ) WITHOUT ROWID;
-- table fts_pending
CREATE TABLE fts_pending (first_id INTEGER NOT NULL, last_id INTEGER NOT NULL);
-- table llm_cache
CREATE TABLE llm_cache ( key TEXT PRIMARY KEY, model TEXT NOT NULL, response TEXT NOT NULL, prompt_tokens INTEGER NOT NULL DEFAULT 0, completion_tokens INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL );
-- table llm_calls
CREATE TABLE llm_calls ( id INTEGER PRIMARY KEY, at TEXT NOT NULL, model TEXT NOT NULL, purpose TEXT NOT NULL, cached INTEGER NOT NULL DEFAULT 0, prompt_tokens INTEGER NOT NULL DEFAULT 0, completion_tokens INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '' );
-- table people_seen
CREATE TABLE people_seen ( article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, name TEXT NOT NULL, seen_on TEXT, country TEXT, role TEXT, contender INTEGER NOT NULL DEFAULT 0, times INTEGER NOT NULL DEFAULT 1 );
-- table race_results
CREATE TABLE race_results ( name TEXT PRIMARY KEY, token TEXT NOT NULL, revision INTEGER NOT NULL, code TEXT NOT NULL, payload TEXT NOT NULL ) WITHOUT ROWID;
-- table sentences
CREATE TABLE sentences ( id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE (article_id, idx) );
-- table sentences_fts
CREATE VIRTUAL TABLE sentences_fts USING fts5( text, content='sentences', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2' );
-- table sentences_fts_config
CREATE TABLE 'sentences_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
-- table sentences_fts_data
CREATE TABLE 'sentences_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
-- table sentences_fts_docsize
CREATE TABLE 'sentences_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
-- table sentences_fts_idx
CREATE TABLE 'sentences_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
-- table shingles
CREATE TABLE shingles ( hash INTEGER NOT NULL, article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, PRIMARY KEY (hash, article_id) ) WITHOUT ROWID;
-- table subscriptions
CREATE TABLE subscriptions ( id INTEGER PRIMARY KEY, surface TEXT NOT NULL, channel TEXT NOT NULL, hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23), minute INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 59), timezone TEXT NOT NULL, created_by TEXT, created_at TEXT NOT NULL, UNIQUE (surface, channel) );
-- table thread_citations
CREATE TABLE thread_citations ( turn_id INTEGER NOT NULL REFERENCES thread_turns(id) ON DELETE CASCADE, ord INTEGER NOT NULL, sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE, PRIMARY KEY (turn_id, ord) ) WITHOUT ROWID;
-- table thread_turns
CREATE TABLE thread_turns ( id INTEGER PRIMARY KEY, thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE, position INTEGER NOT NULL, question TEXT NOT NULL, resolved TEXT NOT NULL, answer TEXT NOT NULL, answer_kind TEXT NOT NULL CHECK (answer_kind IN ('stance', 'passages', 'not_covered')), intent TEXT NOT NULL CHECK (intent IN ('stance', 'passages')), stance_filter TEXT, candidate TEXT, holder TEXT, entities TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, UNIQUE (thread_id, position) );
-- table threads
CREATE TABLE threads ( id INTEGER PRIMARY KEY, thread_key TEXT NOT NULL, surface TEXT NOT NULL, channel TEXT NOT NULL DEFAULT '', digest_id INTEGER REFERENCES digests(id) ON DELETE SET NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (surface, channel, thread_key) );
-- table watch_items
CREATE TABLE watch_items ( watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE, item_key TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('kept', 'skipped', 'failed')), attempts INTEGER NOT NULL DEFAULT 1, seen_at TEXT NOT NULL, PRIMARY KEY (watch_id, item_key) ) WITHOUT ROWID;
-- table watches
CREATE TABLE watches ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, url TEXT NOT NULL UNIQUE, every_s INTEGER NOT NULL CHECK (every_s > 0), kind TEXT, etag TEXT, last_modified TEXT, next_poll_at TEXT NOT NULL, last_fetch_at TEXT, last_outcome TEXT, last_new_at TEXT, last_error TEXT, failing_since TEXT, errors INTEGER NOT NULL DEFAULT 0, kept INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, added_by TEXT, added_at TEXT NOT NULL );
-- trigger articles_revision_delete
CREATE TRIGGER articles_revision_delete AFTER DELETE ON articles BEGIN UPDATE claim_revision SET value = value + 1; END;
-- trigger articles_revision_insert
CREATE TRIGGER articles_revision_insert AFTER INSERT ON articles BEGIN UPDATE claim_revision SET value = value + 1; END;
-- trigger articles_revision_update
CREATE TRIGGER articles_revision_update AFTER UPDATE ON articles BEGIN UPDATE claim_revision SET value = value + 1; END;
-- trigger claims_removal
CREATE TRIGGER claims_removal AFTER DELETE ON claims BEGIN INSERT INTO claim_removals (claim_id) VALUES (old.id); DELETE FROM claim_removals WHERE seq <= (SELECT max(seq) FROM claim_removals) - 50000; END;
-- trigger claims_revision_delete
CREATE TRIGGER claims_revision_delete AFTER DELETE ON claims BEGIN UPDATE claim_revision SET value = value + 1; END;
-- trigger claims_revision_insert
CREATE TRIGGER claims_revision_insert AFTER INSERT ON claims BEGIN UPDATE claim_revision SET value = value + 1; END;
-- trigger claims_revision_update
CREATE TRIGGER claims_revision_update AFTER UPDATE ON claims BEGIN UPDATE claim_revision SET value = value + 1; END;
-- trigger sentences_ad
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE old.id BETWEEN first_id AND last_id) BEGIN INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); END;
-- trigger sentences_ai
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE new.id BETWEEN first_id AND last_id) BEGIN INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END;
-- trigger sentences_au
CREATE TRIGGER sentences_au AFTER UPDATE ON sentences WHEN NOT EXISTS (SELECT 1 FROM fts_pending WHERE old.id BETWEEN first_id AND last_id) BEGIN INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END;
-- trigger sentences_revision_delete
CREATE TRIGGER sentences_revision_delete AFTER DELETE ON sentences BEGIN UPDATE claim_revision SET value = value + 1; END;
-- trigger sentences_revision_update
CREATE TRIGGER sentences_revision_update AFTER UPDATE ON sentences BEGIN UPDATE claim_revision SET value = value + 1; END;
