"""Small-cell suppression: no published cell rests on fewer than three organisations."""

from __future__ import annotations

from services.matching.domain.small_cells import small_cells_merged


def _merged(cells: dict[str, int], owners: dict[str, set[str]]) -> list[tuple[str, int]]:
    return small_cells_merged(cells, owners, sum, "zz-other")


def test_large_cells_are_published_and_small_ones_merged() -> None:
    owners = {"a": {"1", "2", "3"}, "b": {"4"}, "c": {"5", "6"}, "d": {"7", "8", "9", "10"}}
    rows = _merged({"a": 5, "b": 1, "c": 2, "d": 7}, owners)
    assert rows == [("a", 5), ("d", 7), ("zz-other", 3)]


def test_a_residual_on_too_few_organisations_takes_in_the_smallest_published_cell() -> None:
    owners = {"a": {"1", "2", "3"}, "b": {"4"}, "d": {"5", "6", "7", "8"}}
    rows = _merged({"a": 5, "b": 1, "d": 7}, owners)
    assert rows == [("d", 7), ("zz-other", 6)]  # b alone could be read as total − a − d


def test_nothing_is_merged_when_every_cell_is_large_enough() -> None:
    owners = {"a": {"1", "2", "3"}, "b": {"4", "5", "6"}}
    assert _merged({"a": 1, "b": 2}, owners) == [("a", 1), ("b", 2)]


def test_a_pinned_cell_is_itself_a_residual_and_takes_in_the_small_ones() -> None:
    owners = {"a": {"1", "2", "3"}, "b": {"4"}, "other": {"5", "6", "7"}}
    rows = small_cells_merged({"a": 5, "b": 1, "other": 2}, owners, sum, "other", 3, {"other"})
    assert rows == [("a", 5), ("other", 3)]
