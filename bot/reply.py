"""The platform-neutral reply every command returns, and its JSON form.

Renderers (terminal, Slack, Discord) turn a Reply into text or blocks; `to_json` is the
contract external tools rely on (README, "JSON output").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal


@dataclass(frozen=True)
class Citation:
    """A numbered citation: the exact stored sentence and the article it comes from."""

    n: int
    article_id: int
    sentence_id: int
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    quote: str

    def to_json(self) -> dict[str, Any]:
        """The citation as the JSON contract spells it."""
        return {
            "n": self.n,
            "article_id": self.article_id,
            "sentence_id": self.sentence_id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Line:
    """One statement and the numbers of the citations behind it."""

    text: str
    cites: tuple[int, ...] = ()


SectionStyle = Literal["bullets", "paragraph", "table"]


@dataclass(frozen=True)
class Section:
    """A titled group of lines (a heading may be omitted)."""

    heading: str | None
    lines: tuple[Line, ...]
    style: SectionStyle = "bullets"


@dataclass(frozen=True)
class Reply:
    """What a command answers: title, sections, citations and command-specific data."""

    command: str
    title: str
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()
    data: Mapping[str, Any] = field(default_factory=dict)
    ok: bool = True
    note: str | None = None
    # Set only when answering failed inside the bot (a handler raised): the exception's type
    # name, never its message. A user error (unknown name, bad date) leaves it None.
    failure: str | None = None

    def to_json(self) -> dict[str, Any]:
        """One JSON object: the reply, its citations list and the command's own fields."""
        payload: dict[str, Any] = {
            "command": self.command,
            "ok": self.ok,
            "title": self.title,
            "sections": [
                {
                    "heading": section.heading,
                    "style": section.style,
                    "lines": [
                        {"text": line.text, "citations": list(line.cites)} for line in section.lines
                    ],
                }
                for section in self.sections
            ],
            "citations": [citation.to_json() for citation in self.citations],
            "note": self.note,
            "failure": self.failure,
        }
        for key, value in self.data.items():
            payload.setdefault(key, value)
        return payload


def error_reply(
    command: str, message: str, *, hint: str | None = None, failure: str | None = None
) -> Reply:
    """A polite failure: what went wrong in one line, and what to try instead. `failure` names
    the exception type when the bot itself failed (see `Reply.failure`)."""
    lines = [Line(message)]
    if hint:
        lines.append(Line(hint))
    return Reply(
        command=command,
        title="Sorry, I couldn't do that",
        sections=(Section(None, tuple(lines), style="paragraph"),),
        ok=False,
        data={"error": message},
        failure=failure,
    )


def message_reply(
    command: str, title: str, *lines: str, data: Mapping[str, Any] | None = None
) -> Reply:
    """A reply made of plain paragraphs with no citations (help, confirmations)."""
    return Reply(
        command=command,
        title=title,
        sections=(Section(None, tuple(Line(text) for text in lines), style="paragraph"),),
        data=dict(data or {}),
    )


def _scrubbed(value: Any, secrets: Sequence[str]) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "[redacted]")
        return value
    if isinstance(value, Mapping):
        return {key: _scrubbed(item, secrets) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_scrubbed(item, secrets) for item in value)
    return value


def scrub_reply(reply: Reply, secrets: Sequence[str]) -> Reply:
    """The reply with every configured secret (tokens, keys) replaced by "[redacted]", in
    every text it shows: a source or a model that echoes a secret never gets it published."""
    wanted = [secret for secret in secrets if secret and len(secret) >= 6]
    if not wanted or not any(secret in str(reply) for secret in wanted):
        return reply
    return replace(
        reply,
        title=_scrubbed(reply.title, wanted),
        note=_scrubbed(reply.note, wanted),
        data=_scrubbed(dict(reply.data), wanted),
        sections=tuple(
            replace(
                section,
                heading=_scrubbed(section.heading, wanted),
                lines=tuple(
                    replace(line, text=_scrubbed(line.text, wanted)) for line in section.lines
                ),
            )
            for section in reply.sections
        ),
        citations=tuple(
            replace(
                citation,
                quote=_scrubbed(citation.quote, wanted),
                title=_scrubbed(citation.title, wanted),
                url=_scrubbed(citation.url, wanted),
                source=_scrubbed(citation.source, wanted),
                outlet=_scrubbed(citation.outlet, wanted),
            )
            for citation in reply.citations
        ),
    )
