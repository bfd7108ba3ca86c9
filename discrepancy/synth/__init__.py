"""Synthetic corpora: many articles about one invented story, with planted discrepancies and gold.

``write_corpus(out_dir, template=..., articles=N, seed=S)`` invents one story (people, places,
organisations and a set of FACTS with true values), then writes N articles about it, each told in
its own words: every fact is stated (or not) with a randomly chosen sentence template and a
randomly chosen surface form of its value ("12 March" / "Mar. 12" / "yesterday", "$1.5 billion"
/ "1.5bn dollars", "thirty-two" / "32", a title before or after a name, curly or straight quote
marks). A few facts get a PLANTED discrepancy: a minority of the articles that state the fact give
a different, plausible value (a transposed digit, an off-by-one day, a sibling item, a misspelt
surname, a neighbouring title, a quote with two or three words changed). Background sentences
carry traps (a previous year's figure, another count sharing a number), and the articles carry
scraping noise: page furniture, a repeated paragraph, wire reprints of earlier articles.

The gold file (format version 1, as read by ``discrepancy.evaluate``) lists every planted
discrepancy (true side vs planted side) and one agreement per fact (the true value in different
surface forms), with every claim's ``text`` an exact substring of its document.

The stories are data: ``stories/<template>.toml`` (facts, draws, sentences, quotes, traps; see
check.py) and ``vocab.toml`` (names, places, outlets, value words). Neither is shared with
``discrepancy/data``, so the generator does not change when the engine's word lists do.

Modules, in the order a corpus is made:

  check.py     load and validate a story file     expr.py    its expression language
  build.py     run its steps: the story            template.py  a story file, compiled
                                                   story.py   the story model
  plant.py     choose and make planted values     vocab.py   vocabulary, invented names
  compose.py   compose the articles                render.py  sentence templates
  write.py     write articles and gold.toml       forms.py   surface forms of values

Standard library only; deterministic: ``random.Random`` instances seeded from ``seed`` (no
clock, no global random state, no set iteration), so the same arguments give the same bytes.
"""

from __future__ import annotations

from .story import KINDS, TEMPLATES
from .write import write_corpus

__all__ = ["KINDS", "TEMPLATES", "write_corpus"]
