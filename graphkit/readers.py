"""Readers: .txt, .jsonl, .html and RSS/Atom files, folders and standard input → Article stream.

Everything streams: a JSONL file or a feed is read item by item, so memory stays bounded by the
largest single article, not by the input. Bad input raises InputError naming the file and line.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

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
        yield from _one(_html_article(_decode(path), path, root))
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


# --- HTML --------------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "nav", "aside", "footer", "form", "noscript", "iframe", "svg",
              "button", "template", "select", "figure"}
_SKIP_HINTS = re.compile(r"cookie|consent|banner|newsletter|comment|related|share|subscribe|promo|"
                         r"advert|sidebar|footer|menu|breadcrumb|social", re.IGNORECASE)
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section",
               "article", "br", "tr", "header", "main", "dd", "dt"}
_VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "col", "area", "base"}


class _PageParser(HTMLParser):
    """Collects a page's visible prose, its title and its date, leaving out menus and footers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.parts: dict[str, list[str]] = {"article": [], "body": []}
        self.in_article = 0
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, str] = {}
        self._in_title = False
        self._in_h1 = False

    def _skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _VOID_TAGS:
            if tag == "br":
                self._text("\n")
            return
        hint = f"{a.get('class', '')} {a.get('id', '')} {a.get('role', '')}"
        skip = tag in _SKIP_TAGS or (tag != "article" and bool(_SKIP_HINTS.search(hint)))
        self.stack.append((tag, skip))
        if tag == "article":
            self.in_article += 1
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK_TAGS:
            self._text("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag == "article":
            self.in_article = max(0, self.in_article - 1)
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _BLOCK_TAGS:
            self._text("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skipping():
            return
        if self._in_h1:
            self.h1 += data
        self._text(data)

    def _text(self, data: str) -> None:
        if self._skipping() and data.strip():
            return
        self.parts["body"].append(data)
        if self.in_article:
            self.parts["article"].append(data)


def html_to_text(html: str) -> tuple[str, str, str | None]:
    """The prose of a page (its <article> when it has one), its title and its date string."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts["article"]) if "".join(parser.parts["article"]).strip() else "".join(parser.parts["body"])
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paragraphs if p)
    m = parser.meta
    title = (m.get("og:title") or parser.h1 or parser.title).strip()
    date = (m.get("date") or m.get("article:published_time") or m.get("pubdate")
            or m.get("dc.date") or m.get("datepublished") or m.get("time"))
    return text, " ".join(title.split()), date


def _html_article(html: str, path: Path, root: Path | None) -> Article | None:
    text, title, date = html_to_text(html)
    if not text.strip():
        return None
    return Article(id=_article_id(path, root), text=text, title=title,
                   date=_parse_date(date, str(path), None) if date else _date_from_name(path.name),
                   origin=str(path))


# --- RSS / Atom --------------------------------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _read_feed(fh: BinaryIO, name: str) -> Iterator[Article]:
    """Items of an RSS 2.0 or Atom feed; HTML in descriptions is reduced to text."""
    try:
        for _event, elem in ElementTree.iterparse(fh, events=("end",)):
            if _local(elem.tag) not in ("item", "entry"):
                continue
            fields: dict[str, str] = {}
            for child in elem:
                key = _local(child.tag)
                if key == "link" and child.get("href"):
                    fields.setdefault("link", child.get("href", ""))
                elif child.text:
                    fields.setdefault(key, child.text.strip())
            body = fields.get("content") or fields.get("encoded") or fields.get("description") or fields.get("summary") or ""
            text = html_to_text(body)[0] if "<" in body else body
            title = fields.get("title", "")
            if title and text:
                text = f"{title}\n\n{text}"
            ident = fields.get("guid") or fields.get("id") or fields.get("link") or f"{Path(name).stem}:{title}"
            date = fields.get("pubdate") or fields.get("published") or fields.get("updated") or fields.get("date")
            elem.clear()
            if text.strip():
                yield Article(id=ident, text=text, title=title, url=fields.get("link", ""),
                              date=_parse_date(date, name, None) if date else None, origin=name)
    except ElementTree.ParseError as e:
        line = e.position[0] if getattr(e, "position", None) else None
        raise InputError(f"malformed feed XML ({str(e).split(':')[0]})", name, line) from None
