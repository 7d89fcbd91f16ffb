"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): betweenness arithmetic."""

from __future__ import annotations

import pytest

from alliances.analysis.centrality import DEFAULT_K, MIN_K, default_k


@pytest.mark.parametrize(
    "n, m, expected",
    [
        # k = min(n, 500, max(50, 5e7 // (n + m)))
        (10, 20, 10),  # fewer actors than 50 sources: every actor (min with n)
        (40, 0, 40),
        (1_000, 1_000, 500),  # 5e7 // 2000 = 25000, capped at DEFAULT_K = 500
        (20_000, 80_000, 500),  # 5e7 // 1e5 = 500 exactly
        (20_000, 90_000, 454),  # 5e7 // 110000 = 454.5... -> 454
        (100_000, 1_000_000, 50),  # 45.4 raised to MIN_K = 50
    ],
)
def test_default_k_is_budget_over_size_between_the_bounds(n, m, expected):
    assert default_k(n, m) == expected
    assert isinstance(default_k(n, m), int)
    assert default_k(n, m) <= min(n, DEFAULT_K)
    assert default_k(n, m) >= min(n, MIN_K)
