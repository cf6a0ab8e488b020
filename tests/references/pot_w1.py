#!/usr/bin/python3
"""Exact W1 of two equal-size point clouds by POT's network simplex, the independent reference
that tst_wasserstein compares symscore's solver with.

Usage: /usr/bin/python3 tests/references/pot_w1.py A.csv B.csv
Each file holds one point per line, comma-separated coordinates ('#' lines are comments), as
symscore writes them. Prints W1 (uniform weights, Euclidean cost) with 17 significant digits,
so that the comparison is limited by the solvers and not by the printing."""
import sys

import numpy as np
import ot
from scipy.spatial.distance import cdist

if len(sys.argv) != 3:
    sys.exit(__doc__)
a = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
b = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
if a.shape != b.shape:
    sys.exit(f"pot_w1: the clouds differ in shape: {a.shape} and {b.shape}")
n = len(a)
weights = np.full(n, 1.0 / n)
print(f"{ot.emd2(weights, weights, cdist(a, b), numItermax=10**8):.17g}")
