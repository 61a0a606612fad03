"""Expected failures: each carries a one-line message and the exit code the CLI uses."""
from __future__ import annotations


class GraphkitError(Exception):
    """Base of every error graphkit expects; the CLI prints its message without a traceback."""

    exit_code = 1


class InputError(GraphkitError):
    """Bad input: a malformed file, line or row. The message names the file and line."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line


class StoreError(GraphkitError):
    """A store (SQLite file or Neo4j server) that cannot be used as asked."""

    exit_code = 2


class ExtractionError(GraphkitError):
    """An extractor that failed on an article, or worker processes or a Dask cluster that
    could not run it. The message names the article (or the cluster) and what went wrong."""


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C during a build; the message says how many articles the store has committed.
    A KeyboardInterrupt still, so code that catches that catches this too."""
