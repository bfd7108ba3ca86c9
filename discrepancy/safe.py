"""Text from the corpus made safe where people and CI systems read it. Outlets, titles, ids,
file names and article text are the corpus's (anyone who can add an article chooses them), so
before they reach a terminal, a CI log or a Markdown page they are escaped here, in one place:

- terminals and logs (the text report, notes and errors on stderr, the interactive review):
  control characters, line breaks (\\n, \\r, U+2028...), bidi overrides and lone surrogates are
  written as visible escapes (``\\n``, ``\\x1b``, ``\\u202e``), so an article can neither start a
  line of its own (a GitHub workflow command such as ``::add-mask::``) nor send a terminal escape
  sequence; `guard_lines` also defuses a line that would begin with ``::`` or ``##[``;
- JSON written with its characters as they are: the same characters become \\u escapes;
- Markdown (the report, GitHub's job summary): no raw HTML, links, images, autolinks, @mentions,
  issue references or broken tables (`md`, `code`).
"""

from __future__ import annotations

import re

# Characters a terminal or a log reader may act on: C0 and C1 controls and DEL, line and
# paragraph separators, bidi embeddings/overrides/isolates (they reorder what follows them on
# screen), and lone surrogates (they cannot be encoded; U+DC80-U+DCFF are the undecodable bytes
# of a file name, as Python keeps them).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same, less the C0 controls json.dumps escapes itself (a raw "\n" in its output is layout).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A log line the GitHub runner would read as a workflow command (after leading whitespace).
_COMMAND = re.compile(r"^([^\S\n]*)(:(?=:)|#(?=#\[))", re.MULTILINE)
# What Markdown would read as markup; escaped with a backslash.
_MD_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!&~$"})
_TICKS = re.compile(r"`+")
# Where GitHub would link a user or team (@name), an issue (#12, GH-12), or a bare URL (www.,
# scheme://) or e-mail address: a zero-width space after the trigger keeps the text as written.
_LINKING = re.compile(r"(@)(?=\w)|(#)(?=\d)|(?<=\bGH)(-)(?=\d)|(?<=\bwww)(\.)|(?<=\w)(:)(?=//)", re.IGNORECASE)
ZWSP = "\u200b"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    n = ord(char)
    if 0xDC80 <= n <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def escape_line(text: str) -> str:
    """`text` as one line for a terminal or a log: every control character, line break, bidi
    override and lone surrogate written as a visible escape ("a\\n::error::x" stays one line)."""
    return _UNSAFE.sub(_escape, text)


def escape_words(text: str) -> str:
    """Article text as one line for a terminal or a log: runs of white space (line breaks
    included) become one space, then what is left is escaped as by `escape_line`."""
    return escape_line(" ".join(text.split()))


def guard_lines(text: str) -> str:
    """Output for a terminal or a CI log with no line that the GitHub runner would take for a
    workflow command: a line's leading "::" or "##[" gets its first character escaped (\\x3a, \\x23)."""
    if "::" not in text and "##[" not in text:
        return text
    return _COMMAND.sub(lambda m: f"{m.group(1)}\\x{ord(m.group(2)):02x}", text)


def json_text(text: str) -> str:
    """JSON written with ensure_ascii=False, with the characters a terminal acts on as \\u escapes
    (json.dumps escapes only U+0000-U+001F): the same data, safe to print."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def md(text: str) -> str:
    """Text from the corpus as inert Markdown: white space collapsed, control characters
    escaped, markup characters backslash-escaped (no HTML, links, images, emphasis or table
    breaks), and no autolink, @mention or issue reference."""
    return _LINKING.sub(_break, escape_words(text).translate(_MD_ESCAPE))


def _break(match: re.Match[str]) -> str:
    trigger = next(g for g in match.groups() if g is not None)
    return trigger + ZWSP if trigger in "@#-" else ZWSP + trigger


def code(text: str, *, cell: bool = False) -> str:
    """A code span showing `text` literally (GitHub renders nothing inside one: no HTML, link
    or mention): the fence is one backtick longer than the longest run in the text (padded
    when the text starts or ends with one); control characters are escaped as in a terminal.
    In a table cell a pipe must still be escaped, as GitHub reads cells first."""
    text = escape_words(text)
    if not text:
        return ""
    if cell:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(m) for m in _TICKS.findall(text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"
