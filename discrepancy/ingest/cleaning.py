"""Cleaning a document's body: line blocks, page furniture and repeated paragraphs set aside,
and the sentences of the blocks kept."""

from __future__ import annotations

import re

from ..lexicon import Furniture
from ..models import Block, Sentence
from ..text import split_sentences

_BLOCK = re.compile(r"[^\r\n]+")


def clean(text: str, body_start: int, patterns: Furniture) -> list[Block]:
    """Split the body into line blocks and mark furniture and repeated paragraphs as removed."""
    blocks: list[Block] = []
    seen: set[str] = set()
    cut = False
    for m in _BLOCK.finditer(text, body_start):
        start, end = m.span()
        line = m.group().strip()
        if not line:
            continue
        while text[start].isspace():
            start += 1
        end = start + len(line)
        if cut:
            blocks.append(Block(start=start, end=end, kept=False, reason="furniture: after the end of the article"))
            continue
        reason = furniture_reason(line, patterns)
        if reason.startswith("cut:"):
            cut = True
            reason = "furniture: " + reason[4:]
        if not reason:
            key = re.sub(r"\W+", " ", line.lower()).strip()
            if len(key) > 40 and key in seen:
                reason = "repeated paragraph"
            seen.add(key)
        blocks.append(Block(start=start, end=end, kept=not reason, reason=reason))
    return blocks


def furniture_reason(line: str, patterns: Furniture) -> str:
    """Why a line is page furniture ("" when it is article text)."""
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


def sentences(doc_id: str, text: str, blocks: list[Block]) -> list[Sentence]:
    """The sentences of the kept blocks, numbered in document order."""
    found: list[Sentence] = []
    for bi, block in enumerate(blocks):
        if not block.kept:
            continue
        for s, e in split_sentences(text, block.start, block.end):
            found.append(Sentence(doc=doc_id, index=len(found), block=bi, start=s, end=e, text=text[s:e]))
    return found
