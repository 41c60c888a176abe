"""Strip what is not article prose from scraped text: captions, credits, link lists, prompts.

General rules over lines and paragraphs, never strings of particular articles. The raw text
is stored elsewhere, so cleaning may be strict: a lost caption costs nothing, a caption that
reaches a digest costs trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.gate import GatedPattern

_BULLET = re.compile(r"^[ \t]*(?:[•·▪●◦‣∙■►]|\*)[ \t]+")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’'»)\]]*$")
_ENDS_CLAUSE = re.compile(r"[.!?…:;][\"”’'»)\]]*$|[\"”»]$")
_ELLIPSIS = re.compile(r"(?:\.\.\.?|…)[\"”’'»]?$")

# Picture credits and captions, recognisable anywhere in a short line.
_CREDIT = re.compile(
    r"©|\bgetty ?images\b|gettyimages|\bwireimage\b|\bshutterstock\b|\bpicture[ -]alliance\b"
    r"|\b(?:reuters|afp|ap|epa|epa-efe|anadolu|sputnik|tass|xinhua|bloomberg|pool|dpa)\s?/\s?\w"
    r"|\w\s?/\s?(?:reuters|afp|ap|getty(?: images)?|file photo|pool|handout)\b"
    r"|\bap photo\b|\bvia getty\b|\bafp via\b|^file photo\b|^\(?(?:photo|photograph|picture"
    r"|image|pictured|illustration|caption|credit|photo credit|image credit|image source"
    r"|image caption|media caption|video)\s*(?:by\b|[:|])|\b(?:photograph|photo|picture"
    r"|illustration)\s*:\s*[A-Z]|\[file:",
    re.IGNORECASE,
)
# Searched in every short line of every article: skipped where none of its pieces occur.
_CREDIT_GATED = GatedPattern(_CREDIT)
# "Olivier Hoslet/EPA", "Jane Doe/AFP": a photographer and an agency (case matters).
_NAME_AGENCY = re.compile(r"\b[A-Z][a-z][\w'’-]*\s?/\s?[A-Z]{2,}(?:-[A-Z]{2,})?\b")
# "(left)", "(second right)", "(R)": a photo's positional note.
_POSITION = re.compile(
    r"\((?i:(?:(?:second|2nd|third|3rd|far|top|bottom|front|back)[\s-]+(?:from[\s-]+)?)?"
    r"(?:left|right|cent(?:er|re)|middle|top|bottom|front|back)\b(?!-))|\((?:2nd |3rd )?[LRC]\)"
)
# A trailing "(Getty)", "(AFP)", "(French)", "(AP Photo/Jane Doe)" on a line with no full stop.
_TRAILING_CREDIT = re.compile(
    r"\((?i:getty(?: images)?|afp|ap|reuters|epa(?:-efe)?|anadolu(?: agency)?|anatolia|french"
    r"|european|shutterstock|bloomberg|sputnik|tass|xinhua|dpa|anp|pa|alamy|wikimedia"
    r"|wikipedia|archive|file|al jazeera|aa|social media|social networking sites"
    r"|communication sites|websites|agencies|internet|twitter|facebook|handout|pool)\)\s*$"
    r"|\([^()]{1,60}/[^()]{1,60}\)\s*$"
)
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|heic)\b", re.IGNORECASE)
_SCREENSHOT = re.compile(
    r"^(?:screen ?shot|img|dsc|photo|image|picture|file)[\s_-]*\d", re.IGNORECASE
)
_STAMP = re.compile(r"\d{4}[ _-]?\d{2}[ _-]?\d{2}T\d{4,6}Z?")
_CODE = re.compile(r"\d{6,}|(?=\w*[A-Za-z])\w{6,}")
_DOMAIN = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)

_PROMPT = re.compile(
    r"^(?:share(?: this| the)?(?: news| article| story| post| page| link)?(?: (?:on|via|with)"
    r" [\w ]{1,30})?|share:.*|tweet|e-?mail"
    r"|print|copy(?: the)? link|link copied|save|bookmark|comments?|leave a comment"
    r"|(?:subscribe|sign up|register)(?: now| here| today| for free)?|advertisement|sponsored"
    r"(?: content)?|skip to (?:main )?content|loading\.*|continue reading|scroll to continue.*"
    r"|listen to (?:this )?(?:article|story).*|\d+ min(?:ute)?s? read|reading time.*"
    r"|accept(?: all)? cookies|cookie (?:settings|preferences|policy)|manage cookies"
    r"|our standards:.*|(?:read|see) (?:more|also|next)|also read|related|photos?|images?"
    r"|videos?|gallery|watch|listen|newsletter|\(?opens in (?:a )?new window\)?"
    r"|(?:article|story) continues (?:below|after).*|like this:.*)[.!:]?$",
    re.IGNORECASE,
)
_PROMPT_START = re.compile(
    r"^(?:(?:subscribe|sign up|signup|join|get|register)\b.{0,120}\b(?:newsletter|inbox"
    r"|updates|alerts|briefing|channel)\b|follow (?:us|@?\w+) on\b|download (?:our|the) app"
    r"|click (?:here|to)\b|(?:read|see) (?:more|also|next)\s*[:|>»-]|also read\s*[:|>»-]"
    r"|related\s*[:|>»-]|recommended\s*[:|>»-]|watch\s*[:|]|listen\s*[:|]"
    r"|\(?(?:reporting|writing|editing|additional reporting|compiled|translated)\s+by\b"
    r"|(?:published|updated|last updated|posted|first published)(?:\s+on)?\s*:?\s*"
    r"(?:\d|[a-z]{3,9}\.?\s+\d)|(?:tags?|topics?|filed under|categories)\s*:"
    r"|(?:with|[-—–])\s*(?:afp|reuters|ap|agencies|dpa)\.?$|.{0,60}contributed to this report)",
    re.IGNORECASE,
)
# Case matters here: "By Jane Doe" is a byline, "By contrast, …" is prose.
_BYLINE = re.compile(
    r"^(?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|der|al)){0,5}"
    r"(?:\s*[,|]\s*.{0,60})?$"
)
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4})|\ball rights reserved\b", re.IGNORECASE)
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:we use|accept|consent|privacy|preferences|settings|manage|browsing)\b", re.IGNORECASE
)
_SOCIAL = frozenset(
    "share facebook twitter x whatsapp linkedin telegram reddit pinterest email e-mail print "
    "messenger vk flipboard copy link tweet".split()
)
_DATE_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december monday tuesday wednesday thursday friday "
    "saturday sunday am pm gmt utc cet cest est edt et bst at updated published".split()
)
_LINK_HEADING = re.compile(
    r"^(?:more (?:from|on|in|stories|news|about)\b.{0,60}|related(?: articles| stories| news"
    r"| content| coverage| posts| reading| topics)?|read (?:more|also|next)|also read|see also"
    r"|recommended(?: for you| stories| articles| reading)?|you (?:may|might) also (?:like"
    r"|be interested in)|most (?:read|popular|viewed)|trending(?: now| stories)?|popular"
    r"(?: stories| now)?|top stories|latest (?:news|stories)|more stories|other stories"
    r"|further reading|what to read next|editor'?s picks)\s*:?$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^sources?\s*[:：]\s*(?P<name>[^.!?\n]{2,80})\.?$", re.IGNORECASE)
# Not text at all: a lone outlet tag or initial ("RT", "O."), or a rule such as "___".
_STRAY = re.compile(r"^(?:[A-Z]{1,4}\.?|[^\w\s]{1,5}|[-_=*~•·]{3,})$")
_CLOSING_START = re.compile(r"^[)\]},.;:]")


@dataclass(frozen=True)
class _Para:
    text: str
    bullet: bool = False
    after_stray: bool = False  # a stray fragment ("RT", "O.") was dropped just before it


def _is_slug(line: str) -> bool:
    """An image file name or slug: `2024 02 22T113613Z 374934056 RC2JT5AKMTKT … scaled`."""
    if _FILE_NAME.search(line) and len(line) < 200:
        return True
    if _ENDS_SENTENCE.search(line):
        return False
    if _SCREENSHOT.match(line) or _STAMP.search(line):
        return True
    tokens = line.split()
    if len(tokens) < 3:
        return False
    digits = [t for t in tokens if any(c.isdigit() for c in t)]
    # Agency codes and serials: "374934056", "RC2JT5AKMTKT".
    codes = [t for t in digits if _CODE.fullmatch(t)]
    lower_words = sum(t.isalpha() and t.islower() for t in tokens)
    return (
        (len(digits) >= 3 or bool(codes))
        and len(digits) / len(tokens) >= 0.4
        and lower_words / len(tokens) <= 0.25
    )


def _is_date_only(line: str) -> bool:
    tokens = [t.strip(",.:/|-–()").lower() for t in line.split()]
    tokens = [t for t in tokens if t]
    return (
        0 < len(tokens) <= 8
        and any(t[:1].isdigit() for t in tokens)
        and all(t in _DATE_WORDS or re.fullmatch(r"[\d:./-]+(?:st|nd|rd|th)?", t) for t in tokens)
    )


def is_caption(line: str) -> bool:
    """Whether a line is a photo caption or credit rather than prose."""
    if len(line) > 300:
        return False
    if _CREDIT_GATED.found(line) or _NAME_AGENCY.search(line) or _is_slug(line):
        return True
    if _ENDS_SENTENCE.search(line) or len(line) > 250:
        return False
    return bool(_POSITION.search(line) or _TRAILING_CREDIT.search(line) or _DOMAIN.match(line))


def is_boilerplate_line(line: str) -> bool:
    """Whether one line or paragraph is boilerplate: caption, credit, prompt, footer, slug.

    Link-list headings and trailing `Source:` lines are judged by `clean_body`, which sees
    their context.
    """
    text = " ".join(_BULLET.sub("", line).split())
    if not text or _STRAY.match(text):
        return True
    if len(text) < 200 and (_PROMPT.match(text) or _PROMPT_START.match(text)):
        return True
    if len(text) < 120 and _BYLINE.match(text):
        return True
    if len(text) < 250 and _COPYRIGHT.search(text):
        return True
    if len(text) < 600 and _COOKIE.search(text) and _COOKIE_CONTEXT.search(text):
        return True
    words = text.lower().replace("|", " ").split()
    if words and all(w.strip(":,") in _SOCIAL for w in words):
        return True
    return is_caption(text) or _is_date_only(text)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Zero-width characters and BOMs split words invisibly, and bidirectional controls can
    # make a quoted sentence display as something else in chat; no-break spaces are spaces.
    text = re.sub(
        r"[\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text
    )
    return re.sub(r"[^\S\n]+", " ", text)


def _is_wrapped(blocks: list[list[str]]) -> bool:
    """Whether the text is hard-wrapped (lines broken mid-sentence inside paragraphs)."""
    inner = [line for block in blocks if len(block) > 1 for line in block[:-1]]
    inner = [line for line in inner if not _BULLET.match(line)]
    if len(inner) < 3:
        return False
    open_ends = sum(not _ENDS_CLAUSE.search(line) for line in inner)
    median = sorted(len(line) for line in inner)[len(inner) // 2]
    return median >= 40 and open_ends / len(inner) >= 0.6


def _paragraphs(text: str) -> list[_Para]:
    blocks = [
        [line.strip() for line in block.split("\n") if line.strip()]
        for block in re.split(r"\n[ \t]*\n", text)
    ]
    blocks = [block for block in blocks if block]
    wrapped = _is_wrapped(blocks)
    paras: list[_Para] = []
    for block in blocks:
        current: list[str] = []
        for line in block:
            bullet = _BULLET.match(line) is not None
            if current and (bullet or not wrapped):
                paras.append(_Para(" ".join(current)))
                current = []
            if bullet:
                paras.append(_Para(_BULLET.sub("", line).strip(), bullet=True))
            else:
                current.append(line)
        if current:
            paras.append(_Para(" ".join(current)))
    return paras


def _is_teaser(text: str) -> bool:
    # Headlines, section labels and slugs in a link list: short, no closing full stop.
    return len(text) < 160 and (not _ENDS_SENTENCE.search(text) or text.endswith("?"))


def _is_prose(text: str) -> bool:
    # A paragraph of article text rather than a teaser: closed by a full stop and either
    # long or holding more than one sentence.
    return text.endswith((".", ".”", '."')) and (
        len(text) >= 150 or re.search(r"[.!?][\"”’]?\s+[A-Z“\"]", text) is not None
    )


def _drop_link_lists(paras: list[_Para]) -> list[_Para]:
    """Remove "More from X" / "Related" headings and the teasers listed under them."""
    out: list[_Para] = []
    i = 0
    while i < len(paras):
        text = paras[i].text
        if not (_LINK_HEADING.match(text) and not _ENDS_SENTENCE.search(text)):
            out.append(paras[i])
            i += 1
            continue
        if not any(_is_prose(p.text) for p in paras[i + 1 :]):
            break  # the rest of the text is the list
        i += 1
        while i < len(paras) and (_is_teaser(paras[i].text) or is_boilerplate_line(paras[i].text)):
            i += 1
    return out


def _drop_credit_bullets(paras: list[_Para]) -> list[_Para]:
    """A bullet block holding any credit is a picture-credit block: drop all of it."""
    out: list[_Para] = []
    i = 0
    while i < len(paras):
        if not paras[i].bullet:
            out.append(paras[i])
            i += 1
            continue
        j = i
        while j < len(paras) and paras[j].bullet:
            j += 1
        run = paras[i:j]
        if not any(is_caption(p.text) for p in run):
            out.extend(run)
        i = j
    return out


def _drop_boilerplate(paras: list[_Para]) -> list[_Para]:
    out: list[_Para] = []
    stray = False
    for para in paras:
        if _STRAY.match(para.text):
            stray = True
            continue
        if is_boilerplate_line(para.text):
            continue
        out.append(_Para(para.text, para.bullet, stray))
        stray = False
    # Attribution lines ("Source: Der Spiegel") close an article; they are not prose.
    while out and _SOURCE_LINE.match(out[-1].text):
        out.pop()
    return out


def _continues(prev: _Para, para: _Para) -> bool:
    """Whether `para` is the rest of a sentence that a dropped fragment broke off."""
    if prev.bullet or para.bullet:
        return False
    starts_low = para.text[:1].islower() or _CLOSING_START.match(para.text) is not None
    if starts_low and not _ENDS_CLAUSE.search(prev.text):
        return True
    # "believes that... / O. / The Prime Minister…": an ellipsis cut by a stray tag. A heading
    # ends in a word, so it is never merged into the sentence after it.
    return para.after_stray and (
        _ELLIPSIS.search(prev.text) is not None or prev.text.endswith(("-", "–", "—", ",", "("))
    )


def _join(prev: str, nxt: str) -> str:
    if _CLOSING_START.match(nxt):
        # "(Europe -" + ") to moderate": the dash only introduced the dropped tag.
        return re.sub(r"\s*[-–—]\s*$", "", prev) + nxt
    return f"{prev} {nxt}"


def _merge_broken(paras: list[_Para]) -> list[_Para]:
    out: list[_Para] = []
    for para in paras:
        if out and _continues(out[-1], para):
            out[-1] = _Para(_join(out[-1].text, para.text), out[-1].bullet)
        else:
            out.append(para)
    return out


def clean_body(text: str) -> str:
    """The article prose of scraped text, paragraphs joined by a blank line.

    Drops photo captions and credits, image file names, link lists ("More from …",
    "Related"), share and newsletter prompts, cookie banners, copyright lines, a closing
    `Source:` line and stray outlet tags; mends sentences those tags broke; collapses
    whitespace inside paragraphs. Short headings stay, each as its own paragraph.
    """
    paras = _paragraphs(_normalise(text))
    paras = _drop_link_lists(paras)
    paras = _drop_credit_bullets(paras)
    paras = _merge_broken(_drop_boilerplate(paras))
    return "\n\n".join(" ".join(p.text.split()) for p in paras).strip()


_OUTLET_AFTER_BAR = re.compile(r"\|\s*(?P<name>[^|]{2,60}?)\s*$")
_MORE_FROM = re.compile(r"^more (?:from|stories from|news from)\s+(?P<name>.{2,60}?)\s*:?$", re.I)


def _copyright_holder(line: str) -> str | None:
    if not re.search(r"copyright|all rights reserved|©.*\b(?:19|20)\d{2}\b|\d{4}\s*©", line, re.I):
        return None  # "© Jane Doe/WireImage" is a photo credit, not the publisher
    bar = _OUTLET_AFTER_BAR.search(line)
    if bar and not re.search(r"rights reserved|\d{4}", bar["name"], re.I):
        return bar["name"]
    name = re.sub(r"(?i)copyright|©|\(c\)|\b\d{4}(?:\s*[-–]\s*\d{4})?", "", line)
    parts = re.split(r"(?i)\ball rights reserved\b|[|]|\.\s", name)
    name = next((p.strip(" .,;:-–") for p in parts if p.strip(" .,;:-–")), "")
    if 2 <= len(name) <= 60 and "/" not in name and name[:1].isalnum():
        return name
    return None


def extract_outlet_hints(text: str) -> str | None:
    """The outlet the raw text names for itself, or None.

    Looks, in this order, at copyright lines (`… | PrimeAi News`, `© 2024 Foo Media`),
    "More from X" headings and a closing `Source: X` line.
    """
    lines = [" ".join(_BULLET.sub("", line).split()) for line in _normalise(text).split("\n")]
    lines = [line for line in lines if line]
    for line in lines:
        if len(line) < 250:
            holder = _copyright_holder(line)
            if holder:
                return holder
    for line in lines:
        more = _MORE_FROM.match(line)
        if more and not _ENDS_SENTENCE.search(line):
            return more["name"]
    for line in reversed(lines[-3:]):
        source = _SOURCE_LINE.match(line)
        if source:
            return source["name"].strip()
    return None
