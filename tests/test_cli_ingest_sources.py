"""Issue "Foundation" done-when: ingest the seeds, list sources, re-ingest, broken files."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import Cli

BOILERPLATE = ["Bitcoin", "Gettyimages", "Copyright", "More from Qonversations", "Share news"]


def test_seeds_ingest_into_five_dated_titled_articles(cli: Cli, seeds_dir: Path) -> None:
    status, out = cli.run("ingest", str(seeds_dir))
    assert status == 0, out
    assert "5 added" in out
    articles = cli.json("sources")["articles"]
    assert len(articles) == 5
    by_prefix = {Path(a["source"]).name[:3]: a for a in articles}
    assert by_prefix["000"]["published"] == "2024-02-25"
    assert by_prefix["000"]["published_how"] == "header"
    for prefix in ("001", "002", "003", "004"):
        assert by_prefix[prefix]["published_how"] in ("inferred", "unknown")
        assert by_prefix[prefix]["date_inferred"] is True
    for article in articles:
        assert article["title"] and 10 <= len(article["title"]) <= 160
        assert article["sentence_count"] > 5
    # 000 and 001 share only stock phrases ("for the post of NATO Secretary General",
    # "Estonian Prime Minister Kaja Kallas and Latvian Foreign Minister …"): no link.
    linked = {link["article_id"] for link in by_prefix["000"]["links"]}
    assert by_prefix["001"]["id"] not in linked


def test_no_boilerplate_in_clean_text(cli: Cli, seeds_dir: Path, db_path: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    from storage.db import open_database

    db = open_database(db_path)
    bodies = [row[0] for row in db.execute("SELECT body FROM articles")]
    sentences = [row[0] for row in db.execute("SELECT text FROM sentences")]
    db.close()
    for text in bodies + sentences:
        for phrase in BOILERPLATE:
            assert phrase not in text


def test_every_sentence_is_an_exact_slice_of_its_body(
    cli: Cli, seeds_dir: Path, db_path: Path
) -> None:
    cli.run("ingest", str(seeds_dir))
    from storage.db import open_database

    db = open_database(db_path)
    rows = db.execute(
        "SELECT a.body, s.char_start, s.char_end, s.text FROM sentences s "
        "JOIN articles a ON a.id = s.article_id"
    ).fetchall()
    db.close()
    assert rows
    for body, start, end, text in rows:
        assert body[start:end] == text


def test_ingesting_again_adds_nothing(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    status, out = cli.run("ingest", str(seeds_dir))
    assert status == 0
    assert "0 added, 5 already stored" in out
    assert len(cli.json("sources")["articles"]) == 5


def test_a_broken_file_is_reported_and_the_rest_ingested(
    cli: Cli, seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text((seeds_dir / "002_f37c869b47df8185.txt").read_text())
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 binary junk" * 10)
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait, the minister said.".encode("latin-1"))
    (folder / "broken.json").write_text("{not json")
    (folder / "huge.txt").write_text("word " * 1_200_000)
    result = cli.json("ingest", str(folder))
    assert result["ok"] is False
    assert result["added"] == 1
    reasons = {Path(r["source"]).name: r["reason"] for r in result["results"] if r["reason"]}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "JSON" in reasons["broken.json"]
    assert "too large" in reasons["huge.txt"]
    status, _ = cli.run("ingest", str(folder))
    assert status == 1


def test_missing_path_is_reported_without_losing_what_is_stored(cli: Cli, seeds_dir: Path) -> None:
    cli.run("ingest", str(seeds_dir))
    result = cli.json("ingest", "no/such/place.txt")
    assert result["results"][0]["reason"].startswith("no such file")
    assert len(cli.json("sources")["articles"]) == 5


def test_markdown_front_matter_and_json_articles(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(
        "---\ntitle: Allies weigh the succession\noutlet: The Example Post\n"
        "published: 2024-03-12\nurl: https://example.org/a\n---\n"
        "# Allies weigh the succession\n\nDiplomats in Brussels said on Tuesday that the "
        "selection of the next secretary general could finish before the summit. Several "
        "capitals have yet to state a preference.\n"
    )
    (tmp_path / "batch.json").write_text(
        '[{"title": "Second", "text": "Officials met in Vilnius to discuss the alliance and '
        'its leadership over two long days of talks.", "published": "2024-04-01", '
        '"outlet": "Wire"}, {"title": "Third", "body": "Another long enough report about '
        'the alliance and who might lead it next year.", "date": "2024-04-02"}]'
    )
    result = cli.json("ingest", str(tmp_path / "note.md"), str(tmp_path / "batch.json"))
    assert result["added"] == 3, result
    articles = {a["title"]: a for a in cli.json("sources")["articles"]}
    note = articles["Allies weigh the succession"]
    assert (note["outlet"], note["published"], note["published_how"]) == (
        "The Example Post",
        "2024-03-12",
        "front_matter",
    )
    assert note["url"] == "https://example.org/a"
    assert articles["Third"]["published"] == "2024-04-02"


def test_help_lists_every_command(cli: Cli) -> None:
    payload = cli.json("help")
    assert {"who-backs", "who-opposes", "candidates", "timeline", "sources", "ingest"} <= set(
        payload["commands"]
    )
    status, out = cli.run("help", "who-backs")
    assert status == 0 and "Usage: who-backs NAME" in out


def test_unknown_command_is_a_polite_error(cli: Cli) -> None:
    status, out = cli.run("frobnicate")
    assert status == 1
    assert "I don't know the command" in out
    assert "Traceback" not in out
