"""The pipeline's public entry points: read articles, extract relations, stream them on."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from .extractors import get_extractor
from .model import Extraction, Relation
from .readers import read_articles


def extract(inputs: Iterable[str | os.PathLike], extractor: str = "rules", own_ids: bool = False,
            **options: Any) -> Iterator[Extraction]:
    """Stream one Extraction per article of `inputs` (files, folders, "-"), keyed as a store
    keys them (graphkit.readers; `own_ids`: JSONL records by their own "id").

    Example:
        >>> for result in extract(["examples/articles"]):
        ...     print(result.article.id, len(result.relations))
    """
    ex = get_extractor(extractor, **{k: v for k, v in options.items() if v is not None})
    return ex.pipe(read_articles(inputs, own_ids=own_ids))


def extract_relations(inputs: Iterable[str | os.PathLike], extractor: str = "rules",
                      **options: Any) -> Iterator[Relation]:
    """Stream the relations of every article, in reading order. Nothing stores them, so a
    JSONL record's relations carry its own "id" as doc_id: the output joins with the input."""
    for result in extract(inputs, extractor, own_ids=True, **options):
        yield from result.relations
