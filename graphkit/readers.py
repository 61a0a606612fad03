"""Readers: .txt, .jsonl, .html and RSS/Atom files, folders and standard input → Article stream.

HTML pages go through trafilatura (the article's text, title, date, URL and site, without the
page's navigation, cookie banners, comments or related links), feeds through feedparser (RSS
0.9x, 1.0 and 2.0, Atom, and the date formats they use). Everything streams: articles come out
one at a time, file by file, and a JSONL file is read line by line, so memory stays bounded by
the largest page or feed, not by the input. Bad input raises InputError naming the file and
line.

Article ids (what a store keys an article on, so that building again replaces it):

- a text or HTML file: its stem and a hash of its resolved path, `story@3f2a9c1b04`: the same
  file reached by any path (relative, absolute, through a symlink, from a parent folder) is one
  article, two files of one name are two, and an edited file replaces what it gave before;
- a JSONL record: its URL when it has one (`https://...`: the same story from two feeds is one
  article), else its "id" and its file's hash, `17@3f2a9c1b04`;
- a feed item: its guid when that is a URI, else its link, else its guid or title and the feed
  file's hash;
- standard input: `--id` when given (for JSON lines, the namespace of their ids), else a hash
  of the text, `stdin@5d41c2a0f3`;
- an `Id:` header line is the id as written.

`extract`, which stores nothing, keeps a JSONL record's own "id" (`own_ids`), so that its
output joins with its input.

An article also carries its `input` (the resolved path, or "<stdin>") and the ids graphkit
gave it before these (`former_ids`), by which a store replaces its articles from before.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit, urlunsplit

from .errors import InputError
from .model import Article

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_HEADER_RE = re.compile(r"^(title|date|source|url|id):[ \t]*(.*)$", re.IGNORECASE)
STDIN = "<stdin>"


def read_articles(inputs: Iterable[str | os.PathLike], stdin: BinaryIO | None = None,
                  stdin_id: str | None = None, own_ids: bool = False) -> Iterator[Article]:
    """Yield the articles of every input: files, folders (recursively) and "-" for stdin.

    `stdin_id` is the id of the article read from standard input (of JSON lines there: the
    namespace of their ids); without it the id comes from a hash of the text. `own_ids` keeps
    JSONL records' "id" as given, to join output with input where nothing is stored (the
    `extract` command); a store needs the ids above, unique across inputs.

    Example:
        >>> for article in read_articles(["examples/articles"]):
        ...     print(article.id, article.date)
    """
    for item in inputs:
        name = os.fspath(item)
        if name == "-":
            yield from _read_stdin(stdin or sys.stdin.buffer, stdin_id, own_ids)
            continue
        path = Path(name)
        if not path.exists():
            raise InputError("no such file or folder", name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            for f in files:
                yield from read_file(f, own_ids)
        else:
            yield from read_file(path, own_ids)


def read_file(path: Path, own_ids: bool = False) -> Iterator[Article]:
    """Articles of one file, by its suffix (.txt and unknown suffixes are one article each)."""
    suffix = path.suffix.lower()
    source = file_input(path)
    if suffix in JSONL_SUFFIXES:
        with open(path, "rb") as fh:
            yield from _read_jsonl(fh, str(path), source, id_hash(source), own_ids)
    elif suffix in HTML_SUFFIXES:
        yield from _one(_html_article(path.read_bytes(), path))
    elif suffix in FEED_SUFFIXES:
        with open(path, "rb") as fh:
            yield from _read_feed(fh, str(path), source)
    else:
        yield from _one(_text_article(_decode(path), path))


# --- ids (the module's docstring) --------------------------------------------------------------

def file_input(path: Path) -> str:
    """A file as an input: its resolved absolute path, the same by whichever path it is reached."""
    return str(path.resolve())


def id_hash(text: str) -> str:
    """Ten hex digits of a hash of `text`: the part of an id that keeps two inputs apart."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def url_id(url: str | None) -> str | None:
    """A URL as an article id (scheme and host lower-cased, no #fragment); None unless it is
    an absolute http(s) URL: a "url" of "n/a" or "/news/1" says nothing about identity."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def _file_id(path: Path) -> tuple[str, tuple[str, ...]]:
    """A text or HTML file's id, `<stem>@<hash of its resolved path>`, and its former ids: the
    path below any folder it was built from, without its suffix ("story", "a/story", ...)."""
    resolved = path.resolve()
    former: dict[str, None] = {}
    for p in (path, resolved):
        parts = [x for x in p.with_suffix("").parts if x not in (p.anchor, "", ".", "..")]
        for i in range(len(parts) - 1, -1, -1):
            former.setdefault("/".join(parts[i:]))
    return f"{path.stem}@{id_hash(str(resolved))}", tuple(former)


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


def _text_article(raw: str, path: Path | None, stdin_id: str | None = None) -> Article | None:
    """A plain-text article: a file's (`path`), or standard input's (`path` None: id `stdin_id`,
    else a hash of the text). An optional "Title:/Date:/Source:/URL:/Id:" header block comes
    first; its Id is the article's id as written."""
    meta, text = split_header(raw)
    if not text.strip():
        return None
    where = STDIN if path is None else str(path)
    title = meta.get("title") or _first_line_title(text)
    if meta.get("date"):
        date = _parse_date(meta["date"], where, 1)
    else:
        date = _date_from_name(path.name) if path is not None else None
    former: tuple[str, ...] = ()
    if path is None:
        ident = stdin_id or meta.get("id") or f"stdin@{id_hash(raw.strip())}"
        former = ("stdin",)
    elif meta.get("id"):
        ident = meta["id"]
    else:
        ident, former = _file_id(path)
    return Article(id=ident, text=text, title=title, url=meta.get("url", ""), date=date,
                   source=meta.get("source", ""), origin=where,
                   input=STDIN if path is None else file_input(path),
                   former_ids=tuple(f for f in former if f != ident))


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


def _read_jsonl(fh: BinaryIO, name: str, source: str, namespace: str | None,
                own_ids: bool = False) -> Iterator[Article]:
    """The articles of JSON lines read from `source` (a resolved path, or <stdin>), each keyed
    by its URL, else by its "id" @ `namespace` (None: @ a hash of the record's text); with
    `own_ids`, by its "id" as given."""
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
        article = article_from_dict(obj, name, lineno)
        if own_ids:
            yield replace(article, input=source)
            continue
        ident = url_id(article.url) or f"{article.id}@{namespace or id_hash(article.text)}"
        yield replace(article, id=ident, input=source,
                      former_ids=(article.id,) if article.id != ident else ())


def article_from_dict(obj: object, name: str, lineno: int | None) -> Article:
    """Validate one JSON object as an article ("id" and "text" required; the id as given)."""
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


def _read_stdin(stream: BinaryIO, stdin_id: str | None = None, own_ids: bool = False) -> Iterator[Article]:
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type, type-var]
    head = buffered.peek(64)[:64].lstrip()
    if head.startswith(b"{"):
        yield from _read_jsonl(buffered, STDIN, STDIN, stdin_id, own_ids)
        return
    data = buffered.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError("not UTF-8 text", STDIN, data[: e.start].count(b"\n") + 1) from None
    # the same header block as a .txt file: stdin and a file of the same text read alike
    yield from _one(_text_article(text, None, stdin_id))


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


def _html_article(data: bytes, path: Path) -> Article | None:
    """The article of a page: its main text, title, date, canonical URL and site name (the
    encoding the page declares or trafilatura detects). A page with no article text is none."""
    doc = _trafilatura().bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    text = _paragraphs(doc.text if doc is not None else None)
    if not text:
        return None
    ident, former = _file_id(path)
    return Article(id=ident, text=text, title=" ".join((doc.title or "").split()),
                   url=doc.url or "", date=doc.date or _date_from_name(path.name),
                   source=doc.sitename or "", origin=str(path), input=file_input(path), former_ids=former)


def _fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's body), paragraph by paragraph."""
    if "<" not in fragment:
        return _paragraphs(fragment)
    doc = _trafilatura().bare_extraction(f"<html><body><article>{fragment}</article></body></html>",
                                         favor_recall=True, include_comments=False)
    return _paragraphs(doc.text if doc is not None else None)


# --- RSS / Atom (feedparser) -------------------------------------------------------------------

def _read_feed(fh: BinaryIO, name: str, source: str) -> Iterator[Article]:
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
        guid = str(entry.get("id") or "").strip()
        if "://" in guid or guid.lower().startswith(("urn:", "tag:")):
            ident = guid  # meant to be unique the world over (RSS guid, Atom id)
        else:
            ident = url_id(link) or f"{guid or title or f'item {n}'}@{id_hash(source)}"
        before = str(entry.get("id") or link or f"{Path(name).stem}:{title or n}")
        yield Article(id=ident, text=text, title=title, url=link, date=_entry_date(entry, name, n),
                      source=str(feed.feed.get("title") or ""), origin=f"{name}: item {n}",
                      input=source, former_ids=(before,) if before != ident else ())


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
