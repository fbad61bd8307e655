"""Vietnamese syllables: runs of adjacent content syllables, and their folded forms.

Shared by the token streams (`tokens.py`) and the topic vocabulary (`concepts.py`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from shared.text import fold, nfc

_TOKEN = re.compile(r"(\w+)|[^\w\s]+")
"""A syllable (captured) or a run of punctuation (captured as "", it ends a bigram run)."""
STOPWORDS = frozenset(
    {
        # Vietnamese function words, as written (their folded forms are real words:
        # "duoc" is also "dược" — medicinal — so only the exact form is a stopword).
        "và", "của", "các", "cho", "trong", "được", "có", "là", "với", "những", "một",
        "để", "từ", "theo", "tại", "này", "đã", "sẽ", "nhằm", "về", "khi", "như", "đến",
        "thì", "mà", "hoặc", "hay", "cũng", "đang", "bị", "do", "nên", "vì", "nếu", "vào",
        "lại", "rất", "bằng", "gồm", "qua", "đó", "nhờ",
        # English function words.
        "the", "of", "and", "for", "in", "to", "a", "an", "with", "on", "by", "from",
        "is", "are", "at", "or", "that", "this", "as", "be", "our", "we", "it", "its",
    }
)  # fmt: skip


@lru_cache(maxsize=200_000)
def fold_syllable(syllable: str) -> str:
    """`fold` of one syllable, cached: a corpus has few distinct syllables."""
    return fold(syllable)


def runs(text: str) -> list[list[str]]:
    """Runs of adjacent content syllables; punctuation and stopwords end a run."""
    runs: list[list[str]] = []
    run: list[str] = []
    for word in _TOKEN.findall(nfc(text).casefold()):
        if word and word not in STOPWORDS:
            run.append(word)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs
