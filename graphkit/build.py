"""`build`: articles in, a graph store out — the one pipeline, read → validate → extract → write.

The same code runs for every store behind the `Store` protocol (graphkit.stores): the embedded
SQLite file and Neo4j differ only in the store `build` is given. All inputs are read once
before anything is written, so a malformed line 900 of a file stops the build with an
InputError naming that file and line and leaves the store as it was (a store given by name
is not even opened: no file created, no server contacted). Then the articles are read again
and streamed through the extractor into the store, one transaction per batch. Standard input
("-") is buffered to a temporary file for the two passes.

Extraction runs in this process (`jobs=1`), in worker processes (`jobs=N`) or on a Dask
cluster (`dask=...`), graphkit.parallel; this process alone writes, in input order, so every
way gives the same rows. An extractor that fails on an article, a worker that dies and Ctrl-C
all end the build the same way: the open transaction is rolled back, the committed ones stay,
and the error says how many articles they hold.

Re-running a build is safe: an article that is written again replaces what the last run
derived from it, and the same input gives the same rows (each store's write contract). An
article's id comes from its input (graphkit.readers: a file's resolved path, a record's URL,
standard input's text or `stdin_id`), so two inputs never share one by accident; an id that
occurs twice in the inputs is written once, the last occurrence, and the summary counts what
was stored.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from .errors import BuildInterrupted, ExtractionError, GraphkitError, InputError
from .extractors import get_extractor
from .model import Article, Extraction
from .parallel import DASK_PARTITION, TASK_SIZE, DaskExtraction, ProcessExtraction, failed_at
from .readers import read_articles
from .stores import LoadStats, Store, open_store


@dataclass
class Progress:
    """Where a build is, passed to the `progress` callback after every extracted article."""

    articles: int  # articles extracted so far
    total: int  # articles to extract (known from the validation pass: an id repeated counts once)
    relations: int  # relations found so far
    seconds: float  # since extraction started

    @property
    def rate(self) -> float:
        """Articles per second."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass
class BuildStats(LoadStats):
    """What a build did: the store's LoadStats plus what the validation pass saw."""

    store: str = ""  # where: the SQLite file, the Neo4j URI
    extractor: str = ""
    found: int = 0  # articles in the inputs
    duplicate_ids: list[str] = field(default_factory=list)  # ids seen more than once (the last is stored)
    duplicate_at: list[str] = field(default_factory=list)  # where each repeat is ("file:line"), as duplicate_ids
    parallel: str = ""  # where extraction ran when not in this process: "2 extraction processes", "Dask at ..."

    @property
    def rate(self) -> float:
        """Articles per second."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """One line: what was built where, and how fast."""
        removed = f", {self.removed} stale removed" if self.removed else ""
        if self.migrated:
            removed += f", {self.migrated} re-keyed from their old ids"
        return (f"built {self.store}: {self.articles} articles, {self.relations} relations{removed}, "
                f"{self.unresolved} unresolved mentions in {self.seconds:.1f} s ({self.rate:.0f} articles/s)"
                + (f" with {self.parallel}" if self.parallel else ""))


ProgressCallback = Callable[[Progress], Any]


def build(inputs: Iterable[str | os.PathLike], store: Any = "graphkit.db", extractor: Any = "rules",
          batch_size: int | None = None, progress: ProgressCallback | None = None,
          stdin: BinaryIO | None = None, jobs: int = 1, dask: Any = None, task_size: int | None = None,
          stdin_id: str | None = None, **extractor_options: Any) -> BuildStats:
    """Extract the relations of every article of `inputs` into `store`.

    `inputs` are files, folders and "-" (standard input, or `stdin` when given). `store` is a
    Store, or where one is (graphkit.stores.open_store): an SQLite file, a Neo4j URI or
    Neo4jSettings, opened after the inputs are validated and closed at the end. `batch_size`
    is per transaction, in the store's unit (SQLite: articles, default 500; Neo4j: relations,
    default 1000). `progress`, when given, is called with a `Progress` after every article.
    `stdin_id` is the id of the article on standard input (of JSON lines: their ids' namespace).

    `jobs` > 1 extracts in that many worker processes (graphkit.parallel.default_jobs() is the
    machine's cores), `dask` (a scheduler address or a distributed.Client) on a Dask cluster;
    either way this process writes, in input order, exactly the rows `jobs=1` writes.
    `task_size` is articles per batch sent to a worker (default parallel.TASK_SIZE, with Dask
    parallel.DASK_PARTITION); inputs of no more than one batch are extracted here, without
    starting processes.

    Raises InputError (bad input, or `stdin_id` without "-": before anything is written),
    StoreError (a store that cannot be used), ExtractionError (the extractor failed on an article, or the workers did:
    the message says how many articles the store has committed), BuildInterrupted (Ctrl-C,
    with the same count) or GraphkitError (an unknown extractor).

    Example:
        >>> stats = build(["examples/articles"], "demo.db", jobs=2)
        >>> print(stats.articles, stats.relations)
    """
    started = time.perf_counter()
    names = [os.fspath(i) for i in inputs]
    if batch_size is not None and batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if dask is not None and jobs != 1:
        raise ValueError("give jobs or dask, not both")
    if stdin_id is not None and "-" not in names:
        raise InputError("an id for standard input (--id) but no - among the inputs")
    if stdin_id is not None and not stdin_id.strip():
        raise InputError("an empty id for standard input (--id)")
    ex = get_extractor(extractor, **{k: v for k, v in extractor_options.items() if v is not None})
    with _buffered_stdin(names, stdin) as opened:
        def reopen() -> Iterator[Article]:
            return read_articles(names, stdin=opened(), stdin_id=stdin_id)

        found, duplicates, where_again, last = _validate(reopen)
        todo = found - len(duplicates)
        with _extraction(ex, jobs, dask, task_size, todo) as runner:  # workers start before the store opens
            own = not isinstance(store, Store)
            target: Store = open_store(store) if own else store
            where = target.where
            load = LoadStats()
            extracted = 0
            try:
                relations_found = 0
                t0 = time.perf_counter()

                def counted(extractions: Iterable[Extraction]) -> Iterator[Extraction]:
                    nonlocal relations_found, extracted
                    it = iter(extractions)
                    while True:
                        try:
                            result = next(it)
                        except StopIteration:
                            return
                        except GraphkitError:
                            raise
                        except Exception as e:  # the extractor's, in this process
                            article = _nth_article(_last_of_each(reopen(), last), extracted)
                            raise failed_at(getattr(ex, "name", str(extractor)), article,
                                            f"{type(e).__name__}: {e}") from e
                        extracted += 1
                        relations_found += len(result.relations)
                        if progress is not None:
                            progress(Progress(extracted, todo, relations_found, time.perf_counter() - t0))
                        yield result

                articles = _last_of_each(reopen(), last)
                stream = ex.pipe(articles) if runner is None else runner.pipe(articles)
                target.write(counted(stream), batch_size, stats=load)
            except ExtractionError as e:
                raise ExtractionError(f"{e}; {_committed(load, where)}") from e.__cause__
            except KeyboardInterrupt:
                raise BuildInterrupted(_committed(load, where)) from None
            finally:
                if own:
                    target.close()
    return BuildStats(articles=load.articles, relations=load.relations, removed=load.removed,
                      unresolved=load.unresolved, seconds=time.perf_counter() - started,
                      committed=load.committed, migrated=load.migrated, other_input=load.other_input,
                      other_input_examples=load.other_input_examples, store=where,
                      extractor=getattr(ex, "name", str(extractor)), found=found, duplicate_ids=duplicates,
                      duplicate_at=where_again, parallel=runner.description if runner else "")


def _extraction(ex: Any, jobs: int, dask: Any, task_size: int | None, found: int) -> Any:
    """What extracts: None (this process: the serial path), worker processes or Dask."""
    if dask is not None:
        return DaskExtraction(ex, dask, task_size or DASK_PARTITION)
    size = task_size or TASK_SIZE
    if jobs > 1 and found > size:  # a single batch is not worth starting processes for
        return ProcessExtraction(ex, min(jobs, -(-found // size)), size)
    return nullcontext()


def _committed(load: LoadStats, where: str) -> str:
    return f"{load.committed} articles committed to {where} (building again is safe and completes it)"


def _nth_article(articles: Iterable[Article], n: int) -> Article:
    """Article number n (from 0) of those extracted: the one an extractor failed at after n results."""
    for i, article in enumerate(articles):
        if i == n:
            return article
    return Article(id="?", text="")


def _validate(read: Callable[[], Iterator[Article]]) -> tuple[int, list[str], list[str], dict[str, int]]:
    """Read every article once, writing nothing: the count, the ids seen again and where, and
    for each such id the number of its last occurrence (the one that is written)."""
    seen: set[str] = set()
    duplicates: list[str] = []
    where: list[str] = []
    last: dict[str, int] = {}
    n = 0
    for n, article in enumerate(read(), 1):
        if article.id in seen:
            duplicates.append(article.id)
            where.append(article.origin)
            last[article.id] = n - 1
        else:
            seen.add(article.id)
    return n, duplicates, where, last


def _last_of_each(articles: Iterable[Article], last: dict[str, int]) -> Iterator[Article]:
    """The articles but those whose id occurs again later: each id is extracted and written
    once, so a build stores and counts each article once."""
    for i, article in enumerate(articles):
        if last.get(article.id, i) == i:
            yield article


class _buffered_stdin:
    """Copies standard input to a temporary file once, so it can be read twice."""

    def __init__(self, inputs: list[str], stdin: BinaryIO | None):
        self.needed = "-" in inputs
        self.stdin = stdin
        self.path: str | None = None
        self.handles: list[BinaryIO] = []

    def __enter__(self) -> Callable[[], BinaryIO | None]:
        if self.needed:
            source = self.stdin if self.stdin is not None else sys.stdin.buffer
            fd, self.path = tempfile.mkstemp(prefix="graphkit-stdin-")
            with os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(source, out)
        return self.reopen

    def reopen(self) -> BinaryIO | None:
        if self.path is None:
            return None
        fh = open(self.path, "rb")
        self.handles.append(fh)
        return fh

    def __exit__(self, *exc: object) -> None:
        for fh in self.handles:
            fh.close()
        if self.path is not None:
            os.unlink(self.path)
