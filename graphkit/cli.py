"""The `graphkit` command line: thin click wrappers over the library's public functions.

Expected failures (bad input, a store that cannot be used) print one line and exit non-zero
(2 for bad input); they never show a traceback.
"""
from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from .errors import GraphkitError


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn GraphkitError (and a closed stdout pipe) into a one-line message and an exit code."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GraphkitError as e:
            click.echo(f"graphkit: error: {e}", err=True)
            sys.exit(e.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            click.echo("graphkit: interrupted", err=True)
            sys.exit(130)
    return wrapper


def extractor_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--extractor and --actors, shared by every command that extracts."""
    fn = click.option("--actors", "actors", type=click.Path(dir_okay=False),
                      help="YAML file of extra or overriding actors.")(fn)
    fn = click.option("--extractor", "-e", default="rules", show_default=True,
                      help="Extractor: rules, dependency (needs graphkit[nlp]) or auto.")(fn)
    return fn


@click.group()
@click.version_option(package_name="graphkit")
def main() -> None:
    """graphkit: knowledge graphs of international relations from news text."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@extractor_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="Output format.")
@click.option("--model", default=None, help="spaCy model for the dependency extractor.")
@handle_errors
def extract(inputs: tuple[str, ...], extractor: str, actors: str | None, fmt: str, model: str | None) -> None:
    """Extract actor-relation-actor triples from articles.

    INPUTS are .txt, .jsonl, .html or feed files, folders (read recursively), or - for stdin.

    Example:

        graphkit extract examples/articles --format table
    """
    from .pipeline import extract_relations

    options = {"actors": actors}
    if model:
        options["model"] = model
    rows = extract_relations(inputs, extractor=extractor, **options)
    out = click.get_text_stream("stdout")
    if fmt == "jsonl":
        for rel in rows:
            out.write(json.dumps(rel.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["doc_id", "subject", "subject_id", "relation", "object", "object_id", "negated",
                         "modality", "what", "date", "confidence", "sentence"])
        for r in rows:
            writer.writerow([r.doc_id, r.subject.actor.name, r.subject.actor.id, r.relation, r.object.actor.name,
                             r.object.actor.id, r.negated, r.modality or "", r.what or "", r.date or "",
                             r.confidence, r.sentence])
    else:
        for r in rows:
            neg = "NOT " if r.negated else ""
            mod = f" [{r.modality}]" if r.modality else ""
            out.write(f"{r.doc_id[:24]:<24}  {r.subject.actor.name[:24]:<24} {neg}{r.relation:<12} "
                      f"{r.object.actor.name[:24]:<24}{mod}\n")


@main.command("eval")
@click.argument("gold", type=click.Path())
@extractor_options
@click.option("--errors", "show_errors", is_flag=True, help="List false positives and misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", default=None, help="spaCy model for the dependency extractor.")
@handle_errors
def eval_cmd(gold: str, extractor: str, actors: str | None, show_errors: bool, as_json: bool,
             model: str | None) -> None:
    """Score an extractor on a gold file: P/R/F1 per relation and micro-averaged.

    Example:

        graphkit eval tests/data/gold_dev.jsonl --errors
    """
    from .evaluate import evaluate, format_report

    options: dict[str, Any] = {"actors": actors}
    if model:
        options["model"] = model
    report = evaluate(gold, extractor, **options)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(format_report(report))
    if show_errors:
        for e in report.errors:
            click.echo(f"{e['case']:<8} {e['kind']}  {e['triple']:<50} | {e['text'][:140]}")
