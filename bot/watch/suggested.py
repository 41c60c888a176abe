"""Public feed and search-feed URL patterns for the race: offered by `watch add --suggested`,
never watched unless an admin adds one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    """A feed worth watching for the race, and what it brings."""

    name: str
    url: str
    note: str


SUGGESTED: tuple[Suggestion, ...] = (
    Suggestion(
        "gnews-natosg",
        "https://news.google.com/rss/search?q=%22NATO+secretary+general%22&hl=en-GB&gl=GB&ceid=GB:en",
        "Google News search feed for the exact phrase; change q= for a candidate's name",
    ),
    Suggestion(
        "bing-natosg",
        "https://www.bing.com/news/search?q=%22NATO+secretary+general%22&format=rss",
        "Bing News search as RSS (format=rss)",
    ),
    Suggestion(
        "nato-news",
        "https://www.nato.int/cps/rss/en/natohq/rssFeed.xsl/rssFeed.xml",
        "NATO's own newsroom: mostly NATO news, the filter keeps the race",
    ),
    Suggestion(
        "politico-eu",
        "https://www.politico.eu/feed/",
        "an outlet's whole feed: much off-topic, filtered to the race",
    ),
    Suggestion(
        "outlet-search",
        "https://OUTLET/search?q=NATO+secretary+general (a page)",
        "any outlet's search or tag page, watched as a page: new links followed one level",
    ),
)
