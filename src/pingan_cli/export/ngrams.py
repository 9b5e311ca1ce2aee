"""Text as the short words a reader may search for: each Chinese run's 1- to K-character pieces.

FTS5 has one tokenizer a table and Python cannot add one. The trigram tokenizer finds any text
of three characters or more but never a two-character word (调解, 枫桥); unicode61 splits only at
spaces and punctuation, so it sees a whole Chinese clause as one word. Written out as its pieces
(调解矛盾 → 调 解 矛 盾 调解 解矛 矛盾 调解矛 解矛盾 调解矛盾), the clause gives unicode61 a
token for every word of up to K characters in it, and a search of one to K characters, typed
as it is into Datasette's search box, finds it. A run longer than K is also kept whole, so a
whole phrase between punctuation (平安建设满意度) finds its row too; text without Chinese
(English, figures) is kept as it is, for unicode61 to split into words.
"""

from __future__ import annotations

import re

# Pieces up to this length: a search of one to four characters (调解, 双下降, 矛盾纠纷) finds
# its rows. The cost grows with it: docs/performance.md ("Search index") has the sizes.
LONGEST = 4

# What unicode61 keeps together in a token: letters and digits (not the underscore).
_RUN = re.compile(r"[^\W_]+")
# Han characters: the CJK blocks, their compatibility block and the supplementary planes'.
_CHINESE = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def pieces(run: str, longest: int = LONGEST) -> list[str]:
    """Each distinct piece of 1 to ``longest`` characters of a run, then the run itself."""
    found = dict.fromkeys(
        run[start : start + size]
        for size in range(1, min(longest, len(run)) + 1)
        for start in range(len(run) - size + 1)
    )
    found.setdefault(run)
    return list(found)


def searchable(text: str, longest: int = LONGEST) -> str:
    """The text with every run holding Chinese written as its pieces, one a word."""
    if not _CHINESE.search(text):
        return text
    words: list[str] = []
    for run in _RUN.findall(text):
        if _CHINESE.search(run):
            words.extend(pieces(run, longest))
        else:
            words.append(run)
    return " ".join(words)
