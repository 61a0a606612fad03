"""Sentence splitting and tokenisation with character offsets, tuned for news prose.

The splitter keeps "U.S.", "Gen." and "Sept." inside their sentences; tokens keep their offsets
into the article, so every triple can point back at the exact words it came from.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_SENTENCE_CHARS = 3000  # a longer "sentence" (a table, a run-on dump) is cut to bound the work

_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"                 # U.S. U.K. U.N.
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"  # 1,086 and 12,500.5: one number, not three tokens
    r"|[^\W_]++(?!['’])"                  # a word with no apostrophe after it: the common case,
                                          # matched without the backtracking of the next branch
    r"|[^\W_]+(?=n['’]t\b)"               # does (of doesn't)
    r"|n['’]t\b"                          # n't
    r"|['’]s\b"                           # possessive 's
    r"|[^\W_]+(?:['’](?!s\b)[^\W_]+)*"    # words, numbers, d'Ivoire
    r"|\S",                               # any other single character
    re.UNICODE,
)

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres amb st rev fr hon
jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc al approx inc corp ltd co jr sr
dept univ est fig vol ft mt messrs e.g i.e gov't
""".split())
# Titles written with a full stop, kept as one token with it: "Mr. Erdogan", "Gen. Ngo Xuan Lich".
_TITLE_ABBREVIATIONS = frozenset("""mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov
amb rev hon""".split())
# After a dotted acronym such as "U.S." these words do start a new sentence.
_STARTERS = frozenset("""
the a an it he she they we this that these those but and in on at for as after before meanwhile
however his her its their our there officials analysts i
""".split())

_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_WORD_RE = re.compile(r"[\w']+")
# Sentence ends: [.!?]+ and closing quotes/brackets before white space, or a line break. Written
# to start with one character class, which the regex engine scans for fast (3x the plain form).
_BOUNDARY_RE = re.compile(r"[.!?\n](?:(?<=\n)|[.!?]*[\"'”’)\]]*(?=\s))")


@dataclass(slots=True)
class Token:
    """A word or punctuation mark with its offsets. Not frozen: a frozen dataclass's __init__
    sets each field through object.__setattr__, which cost a tenth of the extractor's time."""

    text: str
    lower: str
    start: int
    end: int

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word and punctuation tokens; apostrophes are normalised in `lower`."""
    out: list[Token] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        low = t.lower()
        if "’" in low:
            low = low.replace("’", "'")
        s, e = m.span()
        if t == "." and out and out[-1].lower in _TITLE_ABBREVIATIONS and out[-1].end == s + offset:
            out[-1].text += "."  # "Mr.", "Gen.": one token, so the title stays beside its name
            out[-1].end = e + offset
            continue
        append(Token(t, low, s + offset, e + offset))
    return out


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) character spans of the sentences of `text`."""
    n = len(text)
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end()
        if m.group(0) == "\n":
            nxt = _next_char(text, end)
            # a single line break inside a paragraph (hard-wrapped text) does not end a sentence
            if nxt and nxt.islower() and text[end:end + 1] != "\n" and "\n" not in text[end:_skip_ws(text, end)]:
                continue
            yield from _emit(text, start, m.start())
            start = end
            continue
        if not _ends_sentence(text, m.start(), end):
            continue
        yield from _emit(text, start, end)
        start = end
    if start < n:
        yield from _emit(text, start, n)


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _next_char(text: str, i: int) -> str:
    i = _skip_ws(text, i)
    return text[i] if i < len(text) else ""


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    nxt_i = _skip_ws(text, end)
    if nxt_i >= len(text):
        return True
    nxt = text[nxt_i]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(["):
        return False
    if text[dot] != ".":
        return True
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(\"'“":
        j -= 1
    word = text[j:dot]
    low = word.lower().rstrip(".")
    if len(word) == 1 and word.isupper():  # an initial: "Vladimir V. Putin"
        return False
    if _DOTTED_RE.fullmatch(word):  # U.S  U.K  e.g
        following = _WORD_RE.match(text, nxt_i)
        return following is not None and following.group(0).lower() in _STARTERS
    return low not in ABBREVIATIONS


def _emit(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield start, cut
        start = _skip_ws(text, cut)
    if end > start:
        yield start, end


def join_tokens(toks: list[Token], a: int, b: int) -> str:
    """The text of tokens [a, b) as written: a space only where the text had one."""
    out = ""
    for x in range(a, b):
        t = toks[x]
        if out and toks[x - 1].end == t.start:
            out += t.text
        else:
            out += (" " if out else "") + t.text
    return out
