"""Connected components of a bipartite graph given as edge arrays, in numpy (no loop per edge)."""

from __future__ import annotations

import numpy as np


def component_of_edges(left: np.ndarray, right: np.ndarray, num_left: int) -> np.ndarray:
    """Return per edge a label shared exactly by the edges of one connected component.

    `left` holds positions below `num_left`, `right` positions of the other side. Roots are
    hooked under the smaller label across every edge, then paths are halved until each
    tree is a star (Shiloach-Vishkin style); a few rounds for city-shaped graphs.
    """
    u = left.astype(np.int64)
    v = right.astype(np.int64) + num_left
    size = int(max(u.max(initial=-1), v.max(initial=-1))) + 1
    label = np.arange(size, dtype=np.int64)
    while True:
        lu, lv = label[u], label[v]
        different = lu != lv
        if not different.any():
            return lu
        lu, lv = lu[different], lv[different]
        np.minimum.at(label, np.maximum(lu, lv), np.minimum(lu, lv))
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
