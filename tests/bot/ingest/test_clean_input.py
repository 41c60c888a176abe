"""Cleaner input: markup in a .txt never reaches a sentence, and articles are linked as
overlapping only when they share whole passages, not a few stock phrases."""

from __future__ import annotations

import re
from pathlib import Path

from storage.db import open_database
from tests.cli_helpers import Cli

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Oslo swings behind Halvorsen for NATO post</title>
<meta property="article:published_time" content="2031-03-04T09:00:00Z">
<style>.share {display: none}</style><script>window.dataLayer = [];</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Oslo swings behind Halvorsen for NATO post</h1>
<p>Norway's government said on <strong>Tuesday</strong> that it backs Ingrid Halvorsen to
become the next secretary general of the alliance, ending weeks of silence.</p>
<p>The prime minister told reporters in Oslo that Halvorsen had the experience and the
standing to hold the allies together at a difficult moment.</p>
<p>Diplomats said the endorsement left only a handful of governments still undecided,
among them Hungary and Slovakia, which have asked for more time.</p>
<p>Halvorsen, a former defence minister, declared her candidacy in January and has since
toured the eastern capitals to win over sceptical governments.</p></article>
<footer><p>&copy; 2031 Example News. All rights reserved.</p></footer></body></html>
"""

FRAGMENT = """Title: Rome backs Halvorsen
<p>Italy's foreign minister said on Monday that Rome will support Ingrid Halvorsen for the
post of NATO secretary general.</p>
<p>The minister praised her <em>steady</em> record as defence minister and her work with
the southern allies on migration and maritime security.</p>
<p>Italian officials said the decision followed a long call between the two leaders.</p>
"""

STORY = [
    "Poland's president said on Wednesday that Warsaw backs Tomasz Brzezinski to lead NATO.",
    "The announcement followed weeks of quiet talks between Warsaw and the Baltic capitals.",
    "Officials in Vilnius and Riga welcomed the move and hinted that they would follow soon.",
    "Brzezinski, a former foreign minister, has argued that the alliance needs an eastern voice.",
    "Critics in western capitals fear that his hard line on Russia could divide the allies.",
    "The alliance is expected to settle on a successor before the summit in the summer.",
    "Brzezinski spent the week in Brussels meeting ambassadors from the southern members.",
    "He told them that he would give equal weight to threats from the south and the east.",
    "Several ambassadors described the meetings as constructive and unusually candid.",
    "A final decision rests with the heads of government, who must agree unanimously.",
]
STOCK = (
    "Estonian Prime Minister Kaja Kallas and Latvian Foreign Minister Krisjanis Karins were "
    "also mentioned for the post of NATO Secretary General."
)
OTHER = [
    "Spain's government announced on Friday that it will host an extra meeting of ministers.",
    "The gathering in Madrid is meant to settle questions about spending on air defence.",
    "Madrid hopes that the talks will unlock funds for new radar stations on the coast.",
    "Officials expect at least twenty ministers to attend the two-day session next month.",
    "The defence minister said the meeting would focus on the southern flank and on drones.",
    "Industry groups welcomed the plan and urged governments to sign longer contracts.",
]


def _sentences(db_path: Path) -> list[str]:
    db = open_database(db_path)
    try:
        return [str(row[0]) for row in db.execute("SELECT text FROM sentences")]
    finally:
        db.close()


def test_a_txt_file_holding_a_web_page_is_read_as_html(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "fragment.txt").write_text(FRAGMENT, encoding="utf-8")
    status, out = cli.run("ingest", str(tmp_path / "page.txt"), str(tmp_path / "fragment.txt"))
    assert status == 0, out
    sentences = _sentences(db_path)
    assert any("backs Ingrid Halvorsen" in s for s in sentences)
    assert any("will support Ingrid Halvorsen" in s for s in sentences)
    for sentence in sentences:
        assert not re.search(r"</?[a-z][a-z0-9]*[\s>/]|&[a-z]+;|dataLayer|display: none", sentence)
    articles = {Path(a["source"]).name: a for a in cli.json("sources")["articles"]}
    assert articles["page.txt"]["title"] == "Oslo swings behind Halvorsen for NATO post"
    assert articles["page.txt"]["published"] == "2031-03-04"
    assert articles["fragment.txt"]["title"] == "Rome backs Halvorsen"
    for quote in (c["quote"] for c in cli.json("claims")["citations"]):
        assert "<" not in quote and ">" not in quote


def _write(folder: Path, name: str, title: str, sentences: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    body = " ".join(sentences)
    (folder / name).write_text(f"Title: {title}\n\n{body}\n", encoding="utf-8")


def _links(cli: Cli) -> dict[str, set[str]]:
    articles = cli.json("sources")["articles"]
    names = {a["id"]: Path(a["source"]).name for a in articles}
    return {names[a["id"]]: {names[link["article_id"]] for link in a["links"]} for a in articles}


def test_only_shared_passages_link_articles(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    _write(folder, "a_story.txt", "Warsaw backs Brzezinski", [*STORY, STOCK])
    # The same story re-run by another outlet, with its own opening and closing lines.
    _write(
        folder,
        "b_syndicated.txt",
        "Poland puts its weight behind Brzezinski",
        ["From our partners at the wire service.", *STORY, "Reporting by our Warsaw desk."],
    )
    # A story of its own that quotes a few of the first story's sentences.
    _write(folder, "c_quotes.txt", "Madrid plans ministers' meeting", [*OTHER, *STORY[:4]])
    # A different story that shares only stock phrases with the first.
    _write(folder, "d_stock.txt", "Spain to host ministers", [*OTHER, STOCK])
    status, out = cli.run("ingest", str(folder))
    assert status == 0, out
    links = _links(cli)
    assert "b_syndicated.txt" in links["a_story.txt"]
    assert "c_quotes.txt" in links["a_story.txt"]
    assert "d_stock.txt" not in links["a_story.txt"]
    sources = {Path(a["source"]).name: a for a in cli.json("sources")["articles"]}
    kinds = {link["article_id"]: link["kind"] for link in sources["b_syndicated.txt"]["links"]}
    assert kinds[sources["a_story.txt"]["id"]] == "near_duplicate"
    assert kinds[sources["c_quotes.txt"]["id"]] == "overlap"


def test_a_stock_phrase_many_articles_carry_never_hides_a_shared_story(
    cli: Cli, tmp_path: Path
) -> None:
    # Thirty briefs carry the same stock sentence: past the first few dozen holders its
    # shingles are looked up no more, and the two that share a whole story still link.
    folder = tmp_path / "articles"
    towns = "Aarhus Bergen Cork Dijon Espoo Faro Graz Hilo Ipoh Jena".split()
    for i in range(30):
        town = towns[i % len(towns)]
        lines = [
            f"The {town} council met {i + 3} times this spring over brief number {i * 7 + 11}.",
            f"Its {i + 2} members from {town} asked for {i * 13 + 5} new buses and a bridge.",
            STOCK,
        ]
        _write(folder, f"m_brief_{i:02d}.txt", f"{town} brief {i}", lines)
    _write(folder, "x_story.txt", "Warsaw backs Brzezinski", [*STORY, STOCK])
    _write(folder, "y_rerun.txt", "Warsaw's pick", ["From the wire.", *STORY, STOCK])
    status, out = cli.run("ingest", str(folder))
    assert status == 0, out
    links = _links(cli)
    assert links["y_rerun.txt"] == {"x_story.txt"}
    assert all(not linked for name, linked in links.items() if name.startswith("m_brief"))
