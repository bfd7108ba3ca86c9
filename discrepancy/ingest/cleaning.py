"""Cleaning a document's body: line blocks, page furniture and repeated paragraphs set aside,
and the sentences of the blocks kept."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import Furniture
from ..models import Block, Sentence
from ..text import MAX_SENTENCE, Budget, bounded, split_sentences

_BLOCK = re.compile(r"[^\r\n]+")


# A cut pattern ("Next post", "More from ...") ends the article only near its end: from the
# last third of the body on, or where what follows reads like furniture (at most one line of
# prose, and no more than before it). Earlier, a teaser line in the middle of a body ("More from
# our business desk: ...") is that line alone, and the paragraphs after it are kept.
CUT_FROM = 2 / 3
PROSE_WORDS = 8  # a line of prose: this many words or more, ending like a sentence


def clean(text: str, body_start: int, patterns: Furniture) -> list[Block]:
    """Split the body into line blocks and mark furniture and repeated paragraphs as removed."""
    lines: list[tuple[int, int, str]] = []
    for m in _BLOCK.finditer(text, body_start):
        start = m.start()
        line = m.group().strip()
        if not line:
            continue
        while text[start].isspace():
            start += 1
        lines.append((start, start + len(line), line))
    reasons = [furniture_reason(line, patterns) for _, _, line in lines]
    cut_at = _cut_at(lines, reasons)
    blocks: list[Block] = []
    seen: set[str] = set()
    for i, ((start, end, line), reason) in enumerate(zip(lines, reasons, strict=True)):
        if cut_at is not None and i > cut_at:
            blocks.append(Block(start=start, end=end, kept=False, reason="furniture: after the end of the article"))
            continue
        if reason.startswith("cut:"):
            reason = "furniture: " + reason[4:]
        if not reason:
            key = re.sub(r"\W+", " ", line.lower()).strip()
            if len(key) > 40 and key in seen:
                reason = "repeated paragraph"
            seen.add(key)
        blocks.append(Block(start=start, end=end, kept=not reason, reason=reason))
    return blocks


def _cut_at(lines: list[tuple[int, int, str]], reasons: list[str]) -> int | None:
    """The line after which the rest is furniture: the first cut pattern near the end."""
    if not lines:
        return None
    first, last = lines[0][0], lines[-1][1]
    prose = [_prose(line) and not reason for (_, _, line), reason in zip(lines, reasons, strict=True)]
    for i, reason in enumerate(reasons):
        if not reason.startswith("cut:"):
            continue
        near_end = lines[i][0] - first >= CUT_FROM * (last - first)
        after, before = sum(prose[i + 1 :]), sum(prose[:i])
        if near_end or after <= min(1, before):
            return i
    return None


def _prose(line: str) -> bool:
    return len(line.split()) >= PROSE_WORDS and bool(re.search(r"[.!?\"”’]$", line))


@lru_cache(maxsize=8192)
def furniture_reason(line: str, patterns: Furniture) -> str:
    """Why a line is page furniture ("" when it is article text; cached, a pure function: the
    outlets' page furniture repeats line for line)."""
    for name, pat in patterns.cut:
        if pat.fullmatch(line):
            return f"cut:{name.replace('_', ' ')}"
    for name, pat in patterns.line:
        if pat.fullmatch(line):
            return f"furniture: {name.replace('_', ' ')}"
    if len(line.split()) <= patterns.caption_max_words and not re.search(r"[.!?:\"”’]$", line):
        for pat in patterns.caption:
            if pat.search(line):
                return "furniture: photo caption"
    return ""


def sentences(
    doc_id: str, text: str, blocks: list[Block], cut: list[tuple[int, int]], budget: Budget
) -> list[Sentence]:
    """The sentences of the kept blocks, numbered in document order; a sentence longer than
    MAX_SENTENCE characters is read in pieces, and its span is added to `cut`. Once a sentence
    passes the `budget`, it and the rest are not read: their blocks are set aside (see unread)."""
    found: list[Sentence] = []
    for bi, block in enumerate(blocks):
        if not block.kept:
            continue
        stop = budget.clip(text, block.start, block.end)
        for span in split_sentences(text, block.start, stop):
            if span[1] - span[0] > MAX_SENTENCE:
                cut.append(span)
            for s, e in bounded(text, *span):
                if not budget.take(text[s:e], s):
                    break
                found.append(Sentence(doc=doc_id, index=len(found), block=bi, start=s, end=e, text=text[s:e]))
            if budget.spent:
                break
        if stop < block.end:
            while text[stop].isspace():  # the text not read starts at its first word
                stop += 1
            budget.cut(stop)
        if budget.spent:
            last = found[-1].end if found and found[-1].block == bi else block.start
            unread(blocks, bi, last, budget.at, f"not read: the article holds {budget.spent}")
            return found
    return found


def unread(blocks: list[Block], bi: int, last: int, start: int, reason: str) -> None:
    """Set aside, with `reason`, the text from `start` in block `bi` and every kept block after
    it; block bi keeps its part up to `last` (the end of its last sentence read), if any."""
    block = blocks[bi]
    rest = [Block(start=start, end=block.end, kept=False, reason=reason)]
    head = [Block(start=block.start, end=last, kept=True)] if last > block.start else []
    later = [b if not b.kept else Block(start=b.start, end=b.end, kept=False, reason=reason) for b in blocks[bi + 1 :]]
    blocks[bi:] = head + rest + later
