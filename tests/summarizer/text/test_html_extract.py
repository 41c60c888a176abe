"""HTML pages to articles: clean main text and the metadata the page declares."""

from __future__ import annotations

from datetime import date

import pytest

from summarizer.text.html_extract import html_to_document

PARAGRAPHS = [
    "BRUSSELS — Dutch Prime Minister Mark Rutte secured the support of the United States, "
    "the United Kingdom, France and Germany for the post of NATO Secretary General on "
    "Thursday, officials said.",
    "The endorsement from Washington, announced by a State Department spokesperson, makes "
    "Rutte the clear front-runner to succeed Jens Stoltenberg when his term ends in October.",
    "Hungary and Turkey have not yet said whether they will back the Dutch leader, and "
    "Romania's president Klaus Iohannis has signalled his own interest in the job.",
    "Diplomats said a decision could come before the alliance's summit in Washington in "
    "July, though several capitals want more time.",
]

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Rutte wins backing of key allies | The Alliance Herald</title>
<meta property="og:title" content="Rutte wins backing of key allies">
<meta property="og:site_name" content="The Alliance Herald">
<meta property="article:published_time" content="2024-02-22T23:30:00-05:00">
<meta property="article:modified_time" content="2024-03-30T10:00:00+01:00">
<style>.STYLE-LEAK {{ color: red; }}</style>
<script>var leak = "SCRIPT-LEAK"; window.dataLayer = [];</script>
</head>
<body class="has-cookie-consent">
<div id="cookie-banner" class="consent-overlay">
  <p>We use cookies to improve your experience. By continuing to browse this site you accept
  our cookie policy and the processing of your data by our 143 partners. COOKIE-LEAK</p>
  <button>Accept all cookies</button>
</div>
<header><nav class="main-nav"><ul>
  <li><a href="/">Home</a></li><li><a href="/world">World NAV-LEAK</a></li>
  <li><a href="/politics">Politics</a></li><li><a href="/opinion">Opinion</a></li>
</ul></nav></header>
<main>
<article>
<h1>Rutte wins backing of key allies</h1>
<p>{PARAGRAPHS[0]}</p>
<iframe src="https://ads.example/frame">IFRAME-LEAK</iframe>
<p>{PARAGRAPHS[1]}</p>
<script>document.write("INLINE-SCRIPT-LEAK");</script>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article>
<aside class="related">
<h3>More from The Alliance Herald</h3>
<ul>
<li><a href="/a">Who will be the next NATO chief? RELATED-LEAK</a></li>
<li><a href="/b">Iohannis enters the race for NATO job</a></li>
<li><a href="/c">Stoltenberg's term extended again</a></li>
</ul>
</aside>
</main>
<footer><p>© 2024 The Alliance Herald. All rights reserved. FOOTER-LEAK</p>
<nav><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></nav></footer>
</body>
</html>
"""

LEAKS = ("SCRIPT", "STYLE", "COOKIE", "NAV", "IFRAME", "INLINE-SCRIPT", "RELATED", "FOOTER")


def _page(head: str = "", body: str = "", lang: str = "") -> str:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        f"<html{lang}><head><title>Stoltenberg successor race</title>{head}</head>"
        f"<body><article>{body}{paragraphs}</article></body></html>"
    )


def test_article_page_gives_clean_text_and_metadata() -> None:
    url = "https://www.herald.example/world/rutte-backing"
    document = html_to_document(ARTICLE_PAGE, source=url, url=url)
    assert document.text == "\n\n".join(PARAGRAPHS)
    for leak in LEAKS:
        assert f"{leak}-LEAK" not in document.text
    assert "cookies" not in document.text and "Privacy" not in document.text
    assert document.title == "Rutte wins backing of key allies"
    # The date as declared, in the publisher's own offset (not the next day in UTC).
    assert document.published == date(2024, 2, 22)
    assert document.published_how == "html_meta"
    assert document.outlet == "The Alliance Herald"
    assert document.language == "en"
    assert document.raw == ARTICLE_PAGE
    assert (document.source, document.source_kind, document.url) == (url, "url", url)


@pytest.mark.parametrize(
    "banner",
    [
        # Marked by id or class: pruned before extraction (trafilatura alone keeps these).
        "<div id='gdpr'><p>Your privacy matters to us. We and our partners store information "
        "on your device to personalise the news you read and the adverts you see.</p></div>",
        "<div class='Cookie-Notice'><p>Your privacy matters to us. We and our partners store "
        "information on your device to personalise the news you read.</p></div>",
        # Unmarked: recognised by its wording.
        "<section class='notice'><p>This site uses cookies. We and our partners store "
        "information on your device to personalise the news you read and adverts.</p></section>",
    ],
)
def test_consent_banners_inside_the_article_are_dropped(banner: str) -> None:
    document = html_to_document(_page(body=banner), source="x", url=None)
    assert document.text == "\n\n".join(PARAGRAPHS)


def test_file_source_kind_and_no_url() -> None:
    document = html_to_document(_page(), source="page.html", url=None, source_kind="file")
    assert document.source_kind == "file"
    assert document.url is None and document.outlet is None


def test_no_declared_date_means_no_date_even_if_url_and_text_have_some() -> None:
    body = "<p class='date'>Updated 2023-07-11 10:00</p><p>On 2023-07-11 the summit opened.</p>"
    url = "https://news.example/2023/07/11/vilnius-summit"
    document = html_to_document(_page(body=body), source=url, url=url)
    assert document.published is None and document.published_how is None
    assert document.outlet == "news.example"  # no og:site_name: the host name


def test_json_ld_date_published() -> None:
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage"}, {"@type": "NewsArticle", "dateModified": "2024-05-01",'
        ' "datePublished": "2024-04-30T08:00:00+02:00"}]}</script>'
    )
    document = html_to_document(_page(head=json_ld), source="x", url=None)
    assert document.published == date(2024, 4, 30)
    assert document.published_how == "html_meta"


def test_time_element_marked_as_date_published() -> None:
    body = '<time itemprop="datePublished" datetime="2024-01-15">15 January</time>'
    document = html_to_document(_page(body=body), source="x", url=None)
    assert document.published == date(2024, 1, 15)


def test_implausible_declared_dates_are_ignored() -> None:
    head = '<meta property="article:published_time" content="1970-01-01T00:00:00Z">'
    assert html_to_document(_page(head=head), source="x", url=None).published is None
    head = '<meta property="article:published_time" content="2999-01-01">'
    assert html_to_document(_page(head=head), source="x", url=None).published is None


@pytest.mark.parametrize(
    ("lang", "head", "expected"),
    [
        (' lang="de-DE"', "", "de"),
        ("", '<meta http-equiv="content-language" content="fr">', "fr"),
        ("", '<meta property="og:locale" content="nl_NL">', "nl"),
        ("", "", None),
        (' lang="not a language"', "", None),
    ],
)
def test_language(lang: str, head: str, expected: str | None) -> None:
    assert html_to_document(_page(head=head, lang=lang), source="x", url=None).language == expected


def test_headings_and_line_breaks_become_paragraphs() -> None:
    body = "<h2>Who else is running</h2><p>Line one<br>Line two</p>"
    document = html_to_document(_page(body=body), source="x", url=None)
    paragraphs = document.text.split("\n\n")
    assert paragraphs[:3] == ["Who else is running", "Line one", "Line two"]


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>",
        "<html><body><script>render()</script><noscript>Enable JavaScript</noscript></body></html>",
    ],
)
def test_pages_without_article_text_raise_a_clear_error(html: str) -> None:
    with pytest.raises(ValueError, match=r"empty|no article text|could not be parsed"):
        html_to_document(html, source="x", url=None)


def test_unknown_source_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="source kind"):
        html_to_document(_page(), source="x", url=None, source_kind="carrier-pigeon")
