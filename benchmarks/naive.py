"""The naive reference: dateparser's search_dates over each article, then every pair of
sentences across articles scored with rapidfuzz. What the checker is measured against.

    python benchmarks/naive.py CORPUS
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def main(corpus: Path) -> None:
    from dateparser.search import search_dates
    from rapidfuzz import fuzz, process, utils

    sentences: list[str] = []
    dates = 0
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text("utf-8")
        dates += len(search_dates(text, languages=["en"]) or [])
        sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 20)
    matrix = process.cdist(
        sentences, sentences, scorer=fuzz.token_set_ratio, processor=utils.default_process,
        score_cutoff=85, dtype="uint8", workers=-1,
    )  # fmt: skip
    pairs = int((matrix > 0).sum()) - len(sentences)
    print(f"{dates} dates, {len(sentences)} sentences, {pairs // 2} similar pairs")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
