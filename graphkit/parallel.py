"""Extraction in parallel: worker processes on this machine, or a Dask cluster beyond it.

Both work like spaCy's `nlp.pipe(n_process=...)`: the articles go out in batches, each worker
holds one extractor (set up once, not per batch), and the Extractions come back in input order,
so the one process that writes (build's store) sees exactly the stream the serial path gives:
the same rows, in the same order, and the same error at the same article. At most a few
batches per worker are in flight, so memory stays flat however long the input is.

Workers only extract; they send back each article's relations and unresolved mentions (not
its text, which the parent still has), and a failure as the article it happened at.
"""
from __future__ import annotations

import copyreg
import io
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ExtractionError, GraphkitError
from .model import Actor, Article, Extraction

#: Articles per batch sent to a worker process: big enough that sending it costs little next to
#: extracting it, small enough that Ctrl-C and the progress line stay responsive.
TASK_SIZE = 100

#: Articles per partition sent to a Dask worker (each costs a scheduler round trip).
DASK_PARTITION = 500

#: Batches in flight per worker: one being extracted, one waiting, so no worker idles.
IN_FLIGHT = 2

_Result = tuple[list[tuple[list[Any], list[str]]], str | None]


def default_jobs() -> int:
    """The cores this process may run on (what `graphkit build` uses without --jobs)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def start_method() -> str:
    """fork where it is safe (Linux, one thread: workers inherit the loaded extractor), else
    spawn (workers unpickle it)."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def run_batch(extractor: Any, batch: list[Article]) -> _Result:
    """Extract a batch: ([(relations, unresolved), ...], None), or, when the extractor raises,
    the results before the failing article and "Type: message" (that article is the next)."""
    out: list[tuple[list[Any], list[str]]] = []
    try:
        for result in extractor.pipe(batch):
            out.append((result.relations, result.unresolved))
    except Exception as e:  # reported in the parent, at its article
        return out, f"{type(e).__name__}: {e}"
    return out, None


def failed_at(extractor_name: str, article: Article, reason: str) -> ExtractionError:
    """The error for an extractor that raised on `article`."""
    where = f" ({article.origin})" if article.origin else ""
    return ExtractionError(f"extractor {extractor_name!r} failed at article {article.id!r}{where}: {reason}")


def _name(extractor: Any) -> str:
    return str(getattr(extractor, "name", extractor))


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ordered(submit: Any, collect: Any, articles: Iterable[Article], size: int, in_flight: int,
             extractor_name: str) -> Iterator[Extraction]:
    """Submit batches, keeping `in_flight` of them out, and yield their Extractions in order;
    `collect(future, batch)` waits for a batch's result."""
    pending: deque[tuple[list[Article], Any]] = deque()

    def done(batch: list[Article], future: Any) -> Iterator[Extraction]:
        outputs, error = collect(future, batch)
        for article, (relations, unresolved) in zip(batch, outputs):
            yield Extraction(article, relations, unresolved)
        if error is not None:
            raise failed_at(extractor_name, batch[len(outputs)], error)

    for batch in _batches(articles, size):
        pending.append((batch, submit(batch)))
        if len(pending) >= in_flight:
            yield from done(*pending.popleft())
    while pending:
        yield from done(*pending.popleft())


# -- worker processes ------------------------------------------------------------------------

_WORKER_EXTRACTOR: Any = None
#: In a worker forked with the parent's gazetteer: (its token, its actors by id). Such actors
#: are sent back by id, not in full (their aliases and roles were 3/4 of the bytes).
_SHARED_ACTORS: tuple[int, dict[str, Actor]] | None = None
#: In the parent: the gazetteer actors of each running ProcessExtraction, by token (id()).
_PARENT_ACTORS: dict[int, dict[str, Actor]] = {}


def known_actors(extractor: Any) -> dict[str, Actor] | None:
    """The extractor's gazetteer actors by id (None for an extractor without a gazetteer)."""
    actors = getattr(getattr(getattr(extractor, "resolver", None), "gz", None), "actors", None)
    return actors if isinstance(actors, dict) else None


def _shared_actor(token: int, actor_id: str) -> Actor:
    """Unpickles an actor sent by id: the parent's own copy of it."""
    try:
        return _PARENT_ACTORS[token][actor_id]
    except KeyError:
        raise pickle.UnpicklingError(f"actor {actor_id!r} was sent by id to a process without it") from None


def _dump_results(result: _Result, shared: tuple[int, dict[str, Actor]] | None) -> bytes:
    """Pickle a batch's result, gazetteer actors by id (the parent has them: same memory)."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    if shared is not None:
        token, actors = shared

        def reduce_actor(actor: Actor) -> Any:
            if actors.get(actor.id) is actor:
                return _shared_actor, (token, actor.id)
            return actor.__reduce__()

        pickler.dispatch_table = {**copyreg.dispatch_table, Actor: reduce_actor}
    pickler.dump(result)
    return buf.getvalue()


def _init_worker(extractor: Any, parent: int, parent_actors: int | None = None) -> None:
    """Runs once in each worker: keep the extractor; leave Ctrl-C to the parent (which stops
    the workers itself); exit when the parent is gone (killed), instead of waiting forever.
    `parent_actors` is id() of the parent's gazetteer actors: the same object here means
    this worker was forked with them, so it may send them by id."""
    global _WORKER_EXTRACTOR, _SHARED_ACTORS
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .extractors import get_extractor

    _WORKER_EXTRACTOR = get_extractor(extractor)
    actors = known_actors(_WORKER_EXTRACTOR)
    _SHARED_ACTORS = (id(actors), actors) if actors is not None and id(actors) == parent_actors else None

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="graphkit-parent-watch", daemon=True).start()


def _run_in_worker(batch: list[Article]) -> bytes:
    return _dump_results(run_batch(_WORKER_EXTRACTOR, batch), _SHARED_ACTORS)


class ProcessExtraction:
    """`jobs` worker processes running one extractor; `pipe` streams Extractions in input order.

    Use it as a context manager: entering starts the workers (before the caller opens its
    store, so forked workers hold no store connection); leaving stops them, at once (they are
    terminated) when an error or Ctrl-C ends the block.

    Example:
        >>> with ProcessExtraction(get_extractor("rules"), jobs=2) as px:
        ...     for result in px.pipe(read_articles(["examples/articles"])):
        ...         print(result.article.id, len(result.relations))
    """

    def __init__(self, extractor: Any, jobs: int, task_size: int = TASK_SIZE, method: str | None = None):
        if jobs < 1 or task_size < 1:
            raise ValueError("jobs and task_size must be at least 1")
        self.extractor = extractor
        self.jobs = jobs
        self.task_size = task_size
        self.method = method or start_method()
        self.pool: Any = None
        self.token: int | None = None

    @property
    def description(self) -> str:
        return f"{self.jobs} extraction processes"

    def __enter__(self) -> "ProcessExtraction":
        from concurrent.futures import ProcessPoolExecutor

        actors = known_actors(self.extractor)
        if actors is not None and self.method == "fork":  # forked workers have these very objects
            self.token = id(actors)
            _PARENT_ACTORS[self.token] = actors

        self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(self.method),
                                        initializer=_init_worker, initargs=(self.extractor, os.getpid(), self.token))
        self.pool.submit(int)  # starts the workers now (a forking pool starts all at the first task)
        return self

    def __exit__(self, exc_type: Any, *_: object) -> None:
        pool, self.pool = self.pool, None
        if self.token is not None:
            _PARENT_ACTORS.pop(self.token, None)
            self.token = None
        if pool is None:
            return
        if exc_type is not None:  # stop now, not after the batches in flight
            terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
            if terminate is not None:
                terminate()
            else:
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """One Extraction per article, in input order; raises ExtractionError at an article
        the extractor failed on, or when a worker process died."""
        from concurrent.futures.process import BrokenProcessPool

        if self.pool is None:
            raise RuntimeError("ProcessExtraction.pipe() outside its `with` block")
        pool = self.pool

        def died(batch: list[Article]) -> ExtractionError:
            return ExtractionError(f"a worker process died while extracting articles {batch[0].id!r} to "
                                   f"{batch[-1].id!r} (killed, or out of memory?)")

        def submit(batch: list[Article]) -> Any:
            try:
                return pool.submit(_run_in_worker, batch)
            except BrokenProcessPool:  # it died before this batch went out
                raise died(batch) from None

        def collect(future: Any, batch: list[Article]) -> _Result:
            try:
                result: _Result = pickle.loads(future.result())
                return result
            except BrokenProcessPool:
                raise died(batch) from None

        return _ordered(submit, collect, articles, self.task_size, IN_FLIGHT * self.jobs, _name(self.extractor))


# -- Dask ------------------------------------------------------------------------------------

class DaskExtraction:
    """Extraction on a Dask cluster (graphkit[distributed]): partitions of article records are
    sent from this process (the workers need not see its files) and the Extractions stream
    back in input order. `scheduler` is an address ("tcp://10.0.0.5:8786") or a
    distributed.Client. Every worker needs graphkit installed (the same version).

    Example:
        >>> with DaskExtraction(get_extractor("rules"), "tcp://127.0.0.1:8786") as dx:
        ...     results = list(dx.pipe(read_articles(["examples/articles"])))
    """

    def __init__(self, extractor: Any, scheduler: Any, partition_size: int = DASK_PARTITION,
                 timeout: float = 10.0):
        if partition_size < 1:
            raise ValueError("partition_size must be at least 1")
        self.extractor = extractor
        self.scheduler = scheduler
        self.partition_size = partition_size
        self.timeout = timeout
        self.client: Any = None
        self.own_client = False
        self.futures: list[Any] = []

    @property
    def description(self) -> str:
        return f"Dask at {self.address}"

    @property
    def address(self) -> str:
        return str(getattr(self.client, "scheduler", None) and self.client.scheduler.address or self.scheduler)

    def __enter__(self) -> "DaskExtraction":
        try:
            from distributed import Client
        except ImportError:
            raise GraphkitError("--dask needs Dask: pip install 'graphkit[distributed]'") from None
        if isinstance(self.scheduler, Client):
            self.client = self.scheduler
        else:
            try:
                self.client = Client(self.scheduler, timeout=self.timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as e:
                msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise ExtractionError(f"cannot reach the Dask scheduler at {self.scheduler}: {msg}") from None
            self.own_client = True
        try:
            # the extractor goes to every worker once; each keeps one copy for all its tasks
            self.extractor_future = self.client.scatter(self.extractor, broadcast=True, hash=False)
        except Exception as e:
            self.__exit__(type(e))
            raise ExtractionError(f"cannot send the extractor to the Dask workers: {type(e).__name__}: {e}") from None
        return self

    def __exit__(self, exc_type: Any, *_: object) -> None:
        client, self.client = self.client, None
        if client is None:
            return
        if exc_type is not None and self.futures:
            try:
                client.cancel(self.futures)
            except Exception:  # the cluster may be what failed
                pass
        self.futures = []
        if self.own_client:
            client.close()

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """One Extraction per article, in input order; raises ExtractionError at an article
        the extractor failed on, or when the cluster could not run a partition."""
        if self.client is None:
            raise RuntimeError("DaskExtraction.pipe() outside its `with` block")
        client, ex = self.client, self.extractor_future
        threads = sum(client.nthreads().values()) or 1

        def submit(batch: list[Article]) -> Any:
            future = client.submit(run_batch, ex, batch, pure=False)
            self.futures.append(future)
            return future

        def collect(future: Any, batch: list[Article]) -> _Result:
            try:
                return future.result()
            except Exception as e:
                raise ExtractionError(f"Dask could not extract articles {batch[0].id!r} to {batch[-1].id!r}: "
                                      f"{type(e).__name__}: {e}") from None
            finally:
                self.futures.remove(future)

        return _ordered(submit, collect, articles, self.partition_size, IN_FLIGHT * threads, _name(self.extractor))
