"""In-RAM tantivy indexes of listings, one per kind: one document per listing, three token fields.

Documents are pre-tokenised in Python (`tokens.py`) and stored whitespace-joined behind a
whitespace-only analyzer, so tantivy sees exactly our syllables. Queries are built with
`tantivy.Query` constructors — user text never reaches a query parser, so `title:(* OR "`
is just three syllables that match nothing. Offers and demands live in separate indexes:
a search reads only the other kind, and a pure disjunction lets tantivy skip blocks of
documents that cannot reach the top (a kind filter would make it score them all).
"""

from __future__ import annotations

import tantivy

from services.matching.engine.tokens import Tokens
from shared.events.vocabulary import ListingKind

_ANALYZER = "stx_syllables"
EXACT, FOLDED, BIGRAMS, KEY = "exact", "folded", "bigrams", "key"


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for field in (EXACT, FOLDED, BIGRAMS):
        builder.add_text_field(field, tokenizer_name=_ANALYZER, index_option="freq")
    builder.add_integer_field(KEY, indexed=True, fast=True)
    return builder.build()


class _KindIndex:
    def __init__(self, schema: tantivy.Schema, writer_heap_bytes: int) -> None:
        self.index = tantivy.Index(schema)
        # We reload right after each commit; tantivy's own on-commit reloading would make
        # that reload wait for it (about 100 ms, every few commits).
        self.index.config_reader(reload_policy="Manual")
        self.index.register_tokenizer(
            _ANALYZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        )
        # One indexing thread: documents land in segments in call order, so ties in score
        # resolve the same way on every run (determinism over a little build speed).
        self.writer = self.index.writer(heap_size=writer_heap_bytes, num_threads=1)
        self.dirty = False

    def refresh(self) -> None:
        if self.dirty:
            self.writer.commit()
            self.index.reload()
            self.dirty = False


class TextIndex:
    """Add, replace and remove listings (by an integer key); search one kind."""

    def __init__(self, writer_heap_bytes: int = 32_000_000) -> None:
        self._schema = _schema()
        self._kinds = {kind: _KindIndex(self._schema, writer_heap_bytes) for kind in ListingKind}
        self._kind_of: dict[int, ListingKind] = {}

    def add(self, key: int, kind: ListingKind, tokens: Tokens) -> None:
        document = tantivy.Document(
            key=key,
            exact=" ".join(tokens.exact),
            folded=" ".join(tokens.folded),
            bigrams=" ".join(tokens.bigrams),
        )
        self._kinds[kind].writer.add_document(document)
        self._kinds[kind].dirty = True
        self._kind_of[key] = kind

    def remove(self, key: int) -> None:
        kind = self._kind_of.pop(key, None)
        if kind is not None:
            self._kinds[kind].writer.delete_documents_by_term(KEY, key)
            self._kinds[kind].dirty = True

    def refresh(self) -> None:
        """Make every add/remove so far visible to searches (a commit, only when needed)."""
        for kind_index in self._kinds.values():
            kind_index.refresh()

    def query(self, terms: list[tuple[str, str, float]]) -> tantivy.Query:
        """Documents matching any of the `(field, token, boost)` terms, scored by BM25 × boost."""
        return tantivy.Query.boolean_query(
            [
                (
                    tantivy.Occur.Should,
                    tantivy.Query.boost_query(
                        tantivy.Query.term_query(self._schema, field, token, index_option="freq"),
                        boost,
                    ),
                )
                for field, token, boost in terms
            ]
        )

    def search(
        self, kind: ListingKind, terms: list[tuple[str, str, float]], limit: int
    ) -> list[int]:
        """Keys of the best `limit` listings of `kind`, best first."""
        if not terms or limit <= 0:
            return []
        kind_index = self._kinds[kind]
        kind_index.refresh()
        searcher = kind_index.index.searcher()
        hits = searcher.search(self.query(terms), limit=limit, count=False).hits
        keys = searcher.fast_field_values(KEY, [address for _, address in hits])
        return [int(key) for key in keys if isinstance(key, int)]

    @property
    def size(self) -> int:
        self.refresh()
        return sum(k.index.searcher().num_docs for k in self._kinds.values())
