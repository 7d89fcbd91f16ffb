"""Tests added by the mutation check (issue 12, benchmarks/MUTATION.md): partition comparison."""

from __future__ import annotations

import math

import numpy as np
import pytest

from alliances.analysis.clusters import _core_agreement, _nmi, adjusted_rand


def test_adjusted_rand_of_two_actors():
    # n = 2: a = [0, 0], b = [0, 1]. Contingency cells 1, 1 -> index = 0;
    # row sums (2) -> sa = 1; column sums (1, 1) -> sb = 0; expected = 1 * 0 / 1 = 0;
    # maximum = (1 + 0) / 2 = 0.5 -> ARI = (0 - 0) / (0.5 - 0) = 0
    assert adjusted_rand(np.array([0, 0]), np.array([0, 1])) == 0.0
    # identical pair of singletons: sa = sb = 0 = expected = maximum -> 1 by convention
    assert adjusted_rand(np.array([0, 1]), np.array([0, 1])) == 1.0
    assert math.isnan(adjusted_rand(np.array([0]), np.array([0])))


def test_nmi_of_independent_halves_is_zero():
    # a splits {0,1} | {2,3}, b splits {0,2} | {1,3}: every cell holds 1 of 4 actors,
    # p_ij = 1/4 = p_i p_j -> MI = 0, H(a) = H(b) = ln 2 -> NMI = 2 * 0 / (2 ln 2) = 0
    assert _nmi(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])) == pytest.approx(0.0, abs=1e-15)


def test_nmi_with_unused_label_numbers():
    # labels 0 and 2 (1 unused): the same partition as b -> NMI 1
    assert _nmi(np.array([0, 0, 2, 2]), np.array([0, 0, 1, 1])) == pytest.approx(1.0)
    assert _nmi(np.array([1, 1, 1]), np.array([0, 0, 0])) == 1.0  # both trivial


def test_core_agreement_of_nothing_is_an_empty_bool_array():
    out = _core_agreement(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    assert out.dtype == bool and out.size == 0
    # reference {0,1,2} | {3}: run puts 0,1 in cluster 5 (the core of the first), 2 in 7
    got = _core_agreement(np.array([0, 0, 0, 1]), np.array([5, 5, 7, 7]))
    assert got.tolist() == [True, True, False, True]
