"""Event dates: when the sentence says the act happened, resolved against the article's date.

"Russia attacked Ukraine in 2022", in a 2026 op-ed, is dated 2022: `event_date` reads the date
expression nearest the trigger ("in 2022", "on 3 March", "March 3, 2022", "on Monday",
"yesterday", "last week", "two days ago", "last month", "earlier this year") and gives it at the
precision the text has: "2022", "2022-03" or "2022-03-03". Words that date something else — a
deadline ("by 2030", "until March"), a start ("since 2014"), a name ("the 2015 deal") — are not
the event's date.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS.update({"sept": 9, "sep.": 9, "jan.": 1, "feb.": 2, "aug.": 8, "oct.": 10, "nov.": 11, "dec.": 12})
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "a": 1, "an": 1}
_NOT_EVENT = frozenset(("by", "until", "till", "since", "before", "through", "deadline", "from"))
_CLAUSE_ENDS = frozenset((";", ":", "—", "–"))
_REPORTING = frozenset("""said says told tells reported reports announced announces added stated wrote
posted confirmed""".split())
# Words a date expression can start with (besides numbers).
_STARTERS = frozenset(("in", "on", "of", "last", "this", "next", "earlier", "later", "yesterday", "today",
                       "tonight", *_WEEKDAYS, *_NUMBERS))
#: Modalities whose act lies ahead: "will meet on Monday" is next Monday.
AHEAD = frozenset(("future", "intent", "pledge", "threat", "demand"))


def parse_day(text: str | None) -> dt.date | None:
    """The article's date (YYYY-MM-DD), or None."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def period(day: str) -> tuple[str, str]:
    """The first and last day a date of any precision covers: "2022" -> ("2022-01-01",
    "2022-12-31"), "2022-03" -> ("2022-03-01", "2022-03-31"), a day -> itself twice."""
    if len(day) >= 10:
        return day[:10], day[:10]
    if len(day) == 7:
        year, month = int(day[:4]), int(day[5:7])
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return f"{day}-01", (nxt - dt.timedelta(days=1)).isoformat()
    return f"{day[:4]}-01-01", f"{day[:4]}-12-31"


def event_date(words: Sequence[str], at: int, article_day: str | None, ahead: bool = False) -> str | None:
    """The event date the sentence's lower-case `words` give for the act at index `at` ("2022",
    "2022-03", "2022-03-03"), or None when they give none. `ahead`: the act is announced, so a
    weekday is the next one rather than the last."""
    today = parse_day(article_day)
    found: list[tuple[int, str]] = []
    end = 0
    for x, w in enumerate(words):
        if x < end or not (w in _STARTERS or w[:1].isdigit()):
            continue  # most words start no date: skip them without a call
        # a weekday or month before the act dates the verb that announced it ("pledged on
        # Monday to send"): the past; after it, an announced act's own ("will meet on Monday")
        hit = _date_at(words, x, today, ahead and x > at)
        if hit is None:
            continue
        end, value = hit
        if value and not (x > 0 and words[x - 1] in _NOT_EVENT) and not _dates_report(words, x, at):
            found.append((x, value))
    if not found:
        return None
    start = at
    while start > 0 and words[start - 1] not in _CLAUSE_ENDS:
        start -= 1
    return min(found, key=lambda f: (f[0] < start, abs(f[0] - at)))[1]


def _dates_report(words: Sequence[str], x: int, at: int) -> bool:
    """Does the date at x date a report of the act rather than the act ("..., the Kremlin said
    on Friday", "told reporters on Tuesday")? Not when the report is the act itself."""
    for y in range(max(0, x - 4), x):
        if words[y] in _REPORTING and y != at:
            return True
    return False


def _date_at(words: Sequence[str], x: int, today: dt.date | None, ahead: bool) -> tuple[int, str] | None:
    """(index after it, value) of a date expression starting at words[x]."""
    w = words[x]
    n = len(words)
    nxt = words[x + 1] if x + 1 < n else ""
    if w == "in" and _year(nxt):  # "in 2022", "in 2015-16"
        return x + 2, nxt[:4]
    if w in ("in", "on", "of") and nxt in _MONTHS:
        return _month_phrase(words, x + 1, today, ahead)
    if w in _WEEKDAYS or (w in ("on", "last", "this", "next") and nxt in _WEEKDAYS):
        day, end = (w, x + 1) if w in _WEEKDAYS else (nxt, x + 2)
        if today is None:
            return end, ""
        if ahead or w == "next":
            when = today + dt.timedelta(days=(_WEEKDAYS[day] - today.weekday()) % 7 or 7)
        else:
            back = (today.weekday() - _WEEKDAYS[day]) % 7
            when = today - dt.timedelta(days=back or (7 if w == "last" else 0))
        return end, when.isoformat()
    if w == "on" and nxt.isdigit() and x + 2 < n and words[x + 2] in _MONTHS:  # "on 3 March"
        return _day_month(words, x + 1, today)
    if today is None:
        return None
    if w in ("yesterday", "today", "tonight") or (w == "this" and nxt in ("morning", "evening", "afternoon")):
        when = today - dt.timedelta(days=1 if w == "yesterday" else 0)
        return x + 1, when.isoformat()
    if w in ("last", "this", "earlier", "next") and nxt in ("week", "month", "year"):
        return x + 2, _relative_period(w, nxt, today)
    if w in ("earlier", "later") and nxt == "this" and x + 2 < n and words[x + 2] in ("week", "month", "year"):
        return x + 3, _relative_period("this", words[x + 2], today)
    if (w.isdigit() or w in _NUMBERS) and x + 2 < n and words[x + 2] == "ago":  # "two days ago"
        count = int(w) if w.isdigit() else _NUMBERS[w]
        unit = words[x + 1].rstrip("s")
        days = {"day": 1, "week": 7}.get(unit)
        if days is not None:
            return x + 3, (today - dt.timedelta(days=count * days)).isoformat()
        if unit == "month":
            return x + 3, _shift_month(today, -count)
        if unit == "year":
            return x + 3, str(today.year - count)
    return None


def _year(word: str) -> bool:
    head = word[:4]
    return head.isdigit() and 1900 <= int(head) <= 2100 and (len(word) == 4 or word[4] in "-–/")


def _month_phrase(words: Sequence[str], x: int, today: dt.date | None, ahead: bool = False
                  ) -> tuple[int, str] | None:
    """"March", "March 3", "March 3, 2022", "March 2022" at words[x]."""
    n = len(words)
    month = _MONTHS[words[x]]
    y = x + 1
    day = None
    if y < n and words[y].isdigit() and 1 <= int(words[y]) <= 31:
        day = int(words[y])
        y += 1
    if y + 1 < n and words[y] == "," and _year(words[y + 1]):
        y += 1
    if y < n and _year(words[y]):
        return y + 1, _fmt(int(words[y][:4]), month, day)
    if today is None:
        return y, ""
    if ahead:  # an announced act: the next such month
        year = today.year if month >= today.month else today.year + 1
    else:  # a past month in the news
        year = today.year if month <= today.month else today.year - 1
    return y, _fmt(year, month, day)


def _day_month(words: Sequence[str], x: int, today: dt.date | None) -> tuple[int, str] | None:
    """"3 March", "3 March 2022" at words[x]."""
    n = len(words)
    day, month = int(words[x]), _MONTHS[words[x + 1]]
    if not 1 <= day <= 31:
        return None
    y = x + 2
    if y < n and _year(words[y]):
        return y + 1, _fmt(int(words[y][:4]), month, day)
    if today is None:
        return y, ""
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    return y, _fmt(year, month, day)


def _fmt(year: int, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def _shift_month(today: dt.date, months: int) -> str:
    total = today.year * 12 + today.month - 1 + months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _relative_period(which: str, unit: str, today: dt.date) -> str:
    step = {"last": -1, "next": 1}.get(which, 0)
    if unit == "year":
        return str(today.year + step)
    if unit == "month":
        return _shift_month(today, step)
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7 * step)
    return monday.isoformat()  # a week is dated by its Monday
