"""Readers: .txt, .jsonl, .html and RSS/Atom files, folders and standard input → Article stream.

HTML pages go through trafilatura (the article's text, title, date, URL and site, without the
page's navigation, cookie banners, comments or related links), feeds through feedparser (RSS
0.9x, 1.0 and 2.0, Atom, and the date formats they use). Everything streams: articles come out
one at a time, file by file, and a JSONL file is read line by line, so memory stays bounded by
the largest page or feed, not by the input. Bad input raises InputError naming the file and
line.
"""
from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .model import Article

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HEADER_RE = re.compile(r"^(title|date|source|url|id):[ \t]*(.*)$", re.IGNORECASE)


def read_articles(inputs: Iterable[str | os.PathLike], stdin: BinaryIO | None = None) -> Iterator[Article]:
    """Yield the articles of every input: files, folders (recursively) and "-" for stdin.

    Example:
        >>> for article in read_articles(["examples/articles"]):
        ...     print(article.id, article.date)
    """
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer)
            continue
        path = Path(name)
        if not path.exists():
            raise InputError("no such file or folder", name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            for f in files:
                yield from read_file(f, root=path)
        else:
            yield from read_file(path)


def read_file(path: Path, root: Path | None = None) -> Iterator[Article]:
    """Articles of one file, by its suffix (.txt and unknown suffixes are one article each)."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with open(path, "rb") as fh:
            yield from _read_jsonl(fh, str(path))
    elif suffix in HTML_SUFFIXES:
        yield from _one(_html_article(path.read_bytes(), path, root))
    elif suffix in FEED_SUFFIXES:
        with open(path, "rb") as fh:
            yield from _read_feed(fh, str(path))
    else:
        yield from _one(_text_article(_decode(path), path, root))


def _one(article: Article | None) -> Iterator[Article]:
    if article is not None:
        yield article


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {e.start} is 0x{data[e.start]:02x})", str(path), line) from None


def _article_id(path: Path, root: Path | None) -> str:
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A text article's optional "Title:/Date:/Source:/URL:/Id:" header block and its body.

    The block is the text's first lines, each `Key: value`, ended by a blank line; without
    that blank line there is no header and the whole text is the body."""
    meta: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    body_start = 0
    for i, line in enumerate(lines):
        m = _HEADER_RE.match(line.strip())
        if m and line.strip():
            meta[m.group(1).lower()] = m.group(2).strip()
            continue
        if meta and not line.strip():
            body_start = i + 1
        break
    if meta and body_start:
        # Offsets are relative to the body: they index the Article's `text`.
        return meta, text[sum(len(x) for x in lines[:body_start]):]
    return {}, text


def _text_article(text: str, path: Path | None, root: Path | None, name: str | None = None,
                  default_id: str | None = None) -> Article | None:
    """A plain-text article (a file's, or stdin's with `name` and `default_id`); an optional
    "Title:/Date:/Source:/URL:" header block comes first."""
    meta, text = split_header(text)
    if not text.strip():
        return None
    where = name or str(path)
    title = meta.get("title") or _first_line_title(text)
    if meta.get("date"):
        date = _parse_date(meta["date"], where, 1)
    else:
        date = _date_from_name(path.name) if path is not None else None
    ident = meta.get("id") or default_id or (_article_id(path, root) if path is not None else where)
    return Article(id=ident, text=text, title=title, url=meta.get("url", ""), date=date,
                   source=meta.get("source", ""), origin=where)


def _first_line_title(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) < 200 and not first.endswith((".", "?", "!")) else ""


def _date_from_name(name: str) -> str | None:
    m = _DATE_RE.match(name)
    if not m:
        return None
    try:
        datetime.strptime(m.group(0), "%Y-%m-%d")
    except ValueError:
        return None
    return m.group(0)


def _parse_date(value: object, path: str, line: int | None) -> str | None:
    """ISO dates and datetimes, and RFC 2822 dates of feeds, to YYYY-MM-DD."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    try:
        if _DATE_RE.match(s):
            return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
        return parsedate_to_datetime(s).date().isoformat()
    except (ValueError, TypeError, IndexError):
        raise InputError(f"unreadable date {s[:40]!r} (use YYYY-MM-DD)", path, line) from None


def _read_jsonl(fh: BinaryIO, name: str) -> Iterator[Article]:
    for lineno, raw in enumerate(fh, 1):
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"not UTF-8 text (byte {e.start} of the line)", name, lineno) from None
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"invalid JSON: {e.msg} at column {e.colno}", name, lineno) from None
        yield article_from_dict(obj, name, lineno)


def article_from_dict(obj: object, name: str, lineno: int | None) -> Article:
    """Validate one JSON object as an article ("id" and "text" required)."""
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object with \"id\" and \"text\"", name, lineno)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("missing or non-string \"text\"", name, lineno)
    ident = obj.get("id")
    if not isinstance(ident, (str, int)) or str(ident).strip() == "":
        raise InputError("missing \"id\"", name, lineno)
    for key in ("title", "url", "source"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(f"\"{key}\" must be a string", name, lineno)
    return Article(id=str(ident), text=text, title=obj.get("title") or "", url=obj.get("url") or "",
                   date=_parse_date(obj.get("date"), name, lineno), source=obj.get("source") or "",
                   origin=f"{name}:{lineno}" if lineno else name)


def _read_stdin(stream: BinaryIO) -> Iterator[Article]:
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type, type-var]
    head = buffered.peek(64)[:64].lstrip()
    if head.startswith(b"{"):
        yield from _read_jsonl(buffered, "<stdin>")
        return
    data = buffered.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError("not UTF-8 text", "<stdin>", data[: e.start].count(b"\n") + 1) from None
    # the same header block as a .txt file: stdin and a file of the same text give one article
    yield from _one(_text_article(text, None, None, name="<stdin>", default_id="stdin"))


# --- HTML (trafilatura) ------------------------------------------------------------------------

# The libraries behind the readers log their doubts about a page ("discarding data", "empty
# tree") as warnings, which would reach stderr; graphkit says what matters itself.
_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "charset_normalizer", "feedparser")


def _quiet(names: Iterable[str] = _LIBRARY_LOGGERS) -> None:
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _trafilatura() -> Any:
    import trafilatura

    _quiet()
    return trafilatura


def _paragraphs(text: str | None) -> str:
    """trafilatura's text (one block a line) as graphkit's (paragraphs apart by a blank line)."""
    return "\n\n".join(" ".join(line.split()) for line in (text or "").splitlines() if line.strip())


def _html_article(data: bytes, path: Path, root: Path | None) -> Article | None:
    """The article of a page: its main text, title, date, canonical URL and site name (the
    encoding the page declares or trafilatura detects). A page with no article text is none."""
    doc = _trafilatura().bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = _paragraphs(doc.text if doc is not None else None)
    if not text:
        return None
    return Article(id=_article_id(path, root), text=text, title=" ".join((doc.title or "").split()),
                   url=doc.url or "", date=doc.date or _date_from_name(path.name),
                   source=doc.sitename or "", origin=str(path))


def _fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's body), paragraph by paragraph."""
    if "<" not in fragment:
        return _paragraphs(fragment)
    doc = _trafilatura().bare_extraction(f"<html><body><article>{fragment}</article></body></html>",
                                         favor_recall=True, include_comments=False)
    return _paragraphs(doc.text if doc is not None else None)


# --- RSS / Atom (feedparser) -------------------------------------------------------------------

def _read_feed(fh: BinaryIO, name: str) -> Iterator[Article]:
    """The items of an RSS (0.9x, 1.0, 2.0) or Atom feed, in feed order, one article each;
    HTML in their bodies is reduced to text. Dates are the UTC day feedparser reads from any
    of the formats feeds use (RFC 822, W3C, ISO 8601, ...)."""
    import feedparser
    from xml.sax import SAXParseException

    _quiet()
    feed = feedparser.parse(fh.read())
    problem = feed.get("bozo_exception")
    if isinstance(problem, SAXParseException):  # not well-formed: do not guess at what is left
        raise InputError(f"malformed feed XML ({problem.getMessage()})", name, problem.getLineNumber())
    for n, entry in enumerate(feed.entries, 1):
        title = _title(entry)
        content = entry.get("content") or []
        body = (content[0].get("value") if content else None) or entry.get("summary") or ""
        text = _fragment_text(body)
        if title and text and not text.startswith(title):
            text = f"{title}\n\n{text}"
        if not text.strip():
            continue
        link = str(entry.get("link") or "")
        ident = str(entry.get("id") or link or f"{Path(name).stem}:{title or n}")
        yield Article(id=ident, text=text, title=title, url=link, date=_entry_date(entry, name, n),
                      source=str(feed.feed.get("title") or ""), origin=f"{name}: item {n}")


def _title(entry: Any) -> str:
    """An item's title as text (Atom titles may be HTML: "Niger&#8217;s junta")."""
    title = str(entry.get("title") or "")
    if "html" in str(entry.get("title_detail", {}).get("type", "")) and title.strip():
        from lxml import html as lxml_html

        title = lxml_html.fromstring(f"<span>{title}</span>").text_content()
    return " ".join(title.split())


def _entry_date(entry: Any, name: str, n: int) -> str | None:
    """The UTC day an item was published (else updated, else created); an item whose date
    feedparser cannot read is an error, as a bad date is anywhere else."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        parsed = entry.get(f"{key}_parsed")
        if parsed is None:
            raise InputError(f"item {n}: unreadable date {str(raw)[:40]!r}", name)
        return time.strftime("%Y-%m-%d", parsed)
    return None
