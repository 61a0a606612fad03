"""The pipeline's public entry points: read articles, extract relations, stream them on."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from .extractors import get_extractor
from .model import Extraction, Relation
from .readers import read_articles


def extract(inputs: Iterable[str | os.PathLike], extractor: str = "rules", **options: Any) -> Iterator[Extraction]:
    """Stream one Extraction per article of `inputs` (files, folders, "-").

    Example:
        >>> for result in extract(["examples/articles"]):
        ...     print(result.article.id, len(result.relations))
    """
    ex = get_extractor(extractor, **{k: v for k, v in options.items() if v is not None})
    return ex.pipe(read_articles(inputs))


def extract_relations(inputs: Iterable[str | os.PathLike], extractor: str = "rules",
                      **options: Any) -> Iterator[Relation]:
    """Stream the relations of every article, in reading order."""
    for result in extract(inputs, extractor, **options):
        yield from result.relations
