"""Inline differences between two texts, for people to read: what was deleted and inserted.

Lines are compared first; a block of changed lines is then compared word by word. Thai has no
spaces between words, so Thai is compared by character cluster (a letter with its vowel and
tone marks), and tiny islands of equal text between two changes are folded into the change so
that the result reads as a few replaced phrases, not as confetti.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

# Whitespace runs; words in scripts that use spaces; a Thai letter with the marks written above
# or below it; any other single character (punctuation, symbols).
TOKEN = re.compile(
    r"\s+"
    r"|[^\W\u0e00-\u0e7f]+"
    r"|[\u0e00-\u0e7f][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*"
    r"|.",
    re.DOTALL,
)
# Above this many tokens in one changed block, show it as deleted and inserted whole.
MAX_TOKENS = 20_000
# Equal stretches this short (ignoring spaces) between two changes are shown as changed, and
# so are those at most a third of the changes on either side.
ISLAND = 2


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "delete" or "insert"
    text: str

    @property
    def is_equal(self):
        return self.op == EQUAL

    @property
    def is_delete(self):
        return self.op == DELETE

    @property
    def is_insert(self):
        return self.op == INSERT


def tokens(text):
    return TOKEN.findall(text)


def _opcodes(old, new):
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _pieces(old, new):
    """(op, text) pieces of two token or line lists; a replacement is a deletion then an
    insertion."""
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == EQUAL:
            yield EQUAL, "".join(old[i1:i2])
            continue
        if tag in ("delete", "replace"):
            yield DELETE, "".join(old[i1:i2])
        if tag in ("insert", "replace"):
            yield INSERT, "".join(new[j1:j2])


def _words(old, new):
    old_tokens, new_tokens = tokens(old), tokens(new)
    if len(old_tokens) + len(new_tokens) > MAX_TOKENS:
        return [(DELETE, old), (INSERT, new)]
    return list(_pieces(old_tokens, new_tokens))


def _change_size(segments, start, step):
    """The length of the larger side (deleted or inserted) of the run of changes that starts
    next to `start` and goes in direction `step`."""
    deleted = inserted = 0
    index = start + step
    while 0 <= index < len(segments) and not segments[index].is_equal:
        if segments[index].is_delete:
            deleted += len(segments[index].text)
        else:
            inserted += len(segments[index].text)
        index += step
    return max(deleted, inserted)


def _fold_islands(segments):
    """Pieces in which an equal stretch between two changes is marked as both deleted and
    inserted when it is tiny, or small beside both changes (a shared letter or two in Thai)."""
    pieces, folded = [], False
    for index, segment in enumerate(segments):
        op = segment.op
        if segment.is_equal and 0 < index < len(segments) - 1 and "\n" not in segment.text:
            size = len(segment.text.strip())
            before = _change_size(segments, index, -1)
            after = _change_size(segments, index, 1)
            if before and after and (size <= ISLAND or size * 3 <= min(before, after)):
                op, folded = "both", True
        pieces.append((op, segment.text))
    return pieces, folded


def _regroup(pieces):
    """Each run of changes becomes one deletion followed by one insertion."""
    segments, deleted, inserted = [], [], []

    def flush():
        if deleted:
            segments.append(Segment(DELETE, "".join(deleted)))
        if inserted:
            segments.append(Segment(INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in pieces:
        if not text:
            continue
        if op == EQUAL:
            flush()
            if segments and segments[-1].is_equal:
                segments[-1] = Segment(EQUAL, segments[-1].text + text)
            else:
                segments.append(Segment(EQUAL, text))
            continue
        if op in (DELETE, "both"):
            deleted.append(text)
        if op in (INSERT, "both"):
            inserted.append(text)
    flush()
    return segments


def inline_diff(old, new):
    """The segments that turn `old` into `new`: a list of Segment(op, text) whose equal and
    deleted texts join to `old`, and whose equal and inserted texts join to `new`."""
    old, new = old or "", new or ""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces = []
    changed_old, changed_new = [], []

    def compare_changed_lines():
        if changed_old or changed_new:
            pieces.extend(_words("".join(changed_old), "".join(changed_new)))
        changed_old.clear()
        changed_new.clear()

    for op, text in _pieces(old_lines, new_lines):
        if op == EQUAL:
            compare_changed_lines()
            pieces.append((EQUAL, text))
        elif op == DELETE:
            changed_old.append(text)
        else:
            changed_new.append(text)
    compare_changed_lines()
    segments = _regroup(pieces)
    for _round in range(10):
        pieces, folded = _fold_islands(segments)
        if not folded:
            break
        segments = _regroup(pieces)
    return segments
