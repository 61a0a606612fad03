"""Readers on well-kept libraries: HTML pages through trafilatura, feeds through feedparser.

The pages and feeds in tests/data/pages and tests/data/feeds were written for these tests in the
style of real news sites: a page with a cookie banner, navigation, share buttons, a newsletter
promo, a "related stories" list, a comments section and a footer; a page of broken markup in a
legacy encoding; feeds in RSS 0.91, RSS 1.0 (RDF), RSS 2.0 and Atom with their date formats.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.pipeline import extract
from graphkit.readers import id_hash, read_articles

DATA = Path(__file__).resolve().parent / "data"
PAGES = DATA / "pages"
FEEDS = DATA / "feeds"


def one(path: Path):
    [article] = list(read_articles([path]))
    return article


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def assert_one_line_error(result, *words: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


# --- HTML -------------------------------------------------------------------------------------

def test_a_news_page_gives_its_story_and_nothing_of_the_page_around_it():
    page = PAGES / "2024-03-07-sweden-joins-nato.html"
    a = one(page)
    # keyed on the file: its stem, and a hash of its resolved path (not the page's canonical URL)
    assert a.id == f"2024-03-07-sweden-joins-nato@{id_hash(str(page.resolve()))}"
    assert a.input == str(page.resolve()) and "2024-03-07-sweden-joins-nato" in a.former_ids
    assert a.title == "Sweden becomes NATO's 32nd member after Hungary's vote"
    assert a.date == "2024-03-07"
    assert a.url == "https://ledger.example.net/world/2024/03/07/sweden-joins-nato"
    assert a.source == "The Northern Ledger"
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0].startswith("Sweden formally joined NATO on Thursday")
    assert paragraphs[-1].startswith("NATO Secretary General Jens Stoltenberg said")
    assert "Moscow criticised the enlargement." in a.text
    for furniture in ("cookies", "partners", "Accept all",          # the cookie banner
                      "Politics", "Subscribe", "Home",              # navigation, breadcrumbs
                      "Share on", "Copy link", "Morning Briefing",   # share tools, promo
                      "Related stories", "Turkey approves", "Finland joins NATO, doubling",  # related
                      "Comments", "baltic_watcher", "Russia threatened Sweden", "blackmailed",
                      "more tanks", "Post comment",                 # the comments section
                      "All rights reserved", "Privacy"):            # the footer
        assert furniture not in a.text, furniture


def test_nothing_is_extracted_from_the_comments_or_the_related_stories():
    [result] = list(extract([PAGES / "2024-03-07-sweden-joins-nato.html"]))
    actors = {r.subject.actor.id for r in result.relations} | {r.object.actor.id for r in result.relations}
    assert result.relations and "SWE" in actors
    # Germany is only in a comment, China only in a related story's headline
    assert not actors & {"DEU", "CHN"}, actors
    assert all(r.sentence in result.article.text for r in result.relations)


def test_broken_markup_in_a_declared_legacy_encoding():
    a = one(PAGES / "2024-06-21-seoul-summons-envoy.html")
    assert a.title == "Seoul summons Russian ambassador over Pyongyang pact"
    assert a.date == "2024-06-21"
    assert "South Korea summoned Russia\u2019s ambassador on Friday" in a.text  # windows-1252 0x92
    # unclosed paragraphs and a stray end tag still give one paragraph each, in order
    assert [p.split()[0] for p in a.text.split("\n\n")[1:]] == ["South", "First", "The", "Japan"]
    assert "urged Moscow to act responsibly." in a.text
    for furniture in ("Home", "Opinion", "Harbour Times", "Terms"):
        assert furniture not in a.text, furniture


@pytest.mark.parametrize("page", [
    "<html><head><title>Only a title</title></head><body></body></html>",
    "\x00\x01\x02 not a page at all \xff",
    "",
])
def test_a_page_without_article_text_gives_no_article(tmp_path, page):
    f = tmp_path / "page.html"
    f.write_bytes(page.encode("utf-8", "surrogateescape"))
    assert list(read_articles([f])) == []
    r = cli("extract", str(f))
    assert r.exit_code == 0 and r.output == ""


def test_a_page_without_a_date_takes_its_file_names(tmp_path):
    f = tmp_path / "2023-11-24-truce.html"
    f.write_text("<html><body><article><h1>Truce holds</h1><p>Hamas freed 24 hostages on Friday under a truce "
                 "that Qatar and Egypt brokered, and Israel released 39 Palestinian prisoners.</p></article>"
                 "</body></html>", encoding="utf-8")
    a = one(f)
    assert a.date == "2023-11-24" and "Hamas freed 24 hostages" in a.text


# --- feeds ------------------------------------------------------------------------------------

def test_rss_2_items_with_rfc_822_dates_and_encoded_content():
    items = list(read_articles([FEEDS / "world-rss2.xml"]))
    # a guid that is no URI ("ht-2024-07-08-0113", unique in its feed only) gives way to the link
    assert [a.id for a in items] == ["https://harbour.example.com/world/japan-philippines-pact",
                                     "https://harbour.example.com/world/us-air-defence-kyiv"]
    first, second = items
    assert first.former_ids == ("ht-2024-07-08-0113",) and second.former_ids == ()
    assert first.title == "Japan and the Philippines sign a defence pact"
    assert first.url == "https://harbour.example.com/world/japan-philippines-pact"
    assert first.source == "Harbour Times: World"
    assert first.date == "2024-07-08"  # 09:15 in Tokyo is 00:15 UTC the same day
    # the full content:encoded, not the one-line description; HTML reduced to paragraphs
    assert first.text.split("\n\n") == [
        "Japan and the Philippines sign a defence pact",
        "Japan signed a defence agreement with the Philippines on Monday, allowing their forces to hold "
        "joint exercises on each other's territory.",
        "China criticised the pact and accused both governments of stoking tension in the South China Sea."]
    assert second.date == "2024-07-09" and "<p>" not in second.text
    assert "The United States supplied Ukraine with another Patriot battery" in second.text


def test_rss_1_rdf_items_with_dublin_core_dates():
    [a] = list(read_articles([FEEDS / "europe-rss1.rdf.xml"]))
    assert a.id == "https://ledger.example.net/europe/poland-expels-diplomat"
    assert a.title == "Poland expels Belarusian diplomat" and a.date == "2024-05-15"
    assert "Poland expelled a Belarusian diplomat on Wednesday" in a.text


def test_rss_0_91_in_latin_1_without_dates_or_guids():
    [a] = list(read_articles([FEEDS / "asia-rss091.rss"]))
    assert a.id == a.url == "https://pacific.example.org/india-pakistan-ceasefire"
    assert a.date is None and a.source == "Pacific Wire"
    assert "India agreed to a ceasefire with Pakistan" in a.text


def test_atom_entries_with_html_titles_xhtml_content_and_iso_dates():
    first, second = read_articles([FEEDS / "africa.atom"])
    assert first.id == "tag:sahel.example.org,2024:niger-us-withdrawal"
    assert first.title == "Niger\u2019s junta orders U.S. troops out"
    assert first.url == "https://sahel.example.org/2024/05/niger-us-withdrawal"
    assert first.date == "2024-05-20"  # published 22:30 at UTC-5: the UTC day
    assert "Short summary" not in first.text  # the content, not the summary
    assert "The United States agreed to withdraw its troops from Niger by September." in first.text
    assert second.date == "2024-05-18" and second.title == "Mali and Russia deepen ties"


def test_a_feed_extracts_item_by_item():
    out = cli("extract", str(FEEDS / "world-rss2.xml"))
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert {r["doc_id"] for r in rows} == {"https://harbour.example.com/world/japan-philippines-pact",
                                           "https://harbour.example.com/world/us-air-defence-kyiv"}
    assert ("USA", "SUPPLIES", "UKR") in {(r["subject"]["id"], r["relation"], r["object"]["id"]) for r in rows}


MALFORMED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Broken</title>
    <item>
      <title>Iran supplies Russia</title>
      <description>Iran supplied drones to Russia.</descripton>
    </item>
  </channel>
</rss>
"""


def test_a_malformed_feed_is_one_line_with_its_line_and_gives_nothing(tmp_path):
    f = tmp_path / "broken.xml"
    f.write_text(MALFORMED, encoding="utf-8")
    with pytest.raises(InputError) as e:
        list(read_articles([f]))
    assert str(e.value) == f"{f}:7: malformed feed XML (mismatched tag)"
    assert_one_line_error(cli("extract", str(f)), f"{f}:7: malformed feed XML")
    db = tmp_path / "g.db"
    assert_one_line_error(cli("build", str(FEEDS), str(f), "--db", str(db)), f"{f}:7")
    assert not db.exists()  # validated before anything is written


def test_an_unreadable_item_date_is_one_line(tmp_path):
    f = tmp_path / "dates.rss"
    f.write_text(MALFORMED.replace("</descripton>", "</description><pubDate>the day after Tuesday</pubDate>"),
                 encoding="utf-8")
    assert_one_line_error(cli("extract", str(f)), f"{f}: item 1: unreadable date 'the day after Tuesday'")


def test_readers_stream_file_by_file(tmp_path):
    bad = tmp_path / "z-broken.xml"
    bad.write_text(MALFORMED, encoding="utf-8")
    articles = read_articles([FEEDS / "africa.atom", bad])
    assert next(articles).title == "Niger\u2019s junta orders U.S. troops out"  # before the bad file is read
    assert next(articles).title == "Mali and Russia deepen ties"
    with pytest.raises(InputError, match="z-broken.xml:7"):
        next(articles)
