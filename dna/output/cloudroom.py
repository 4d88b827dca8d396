"""The free space on a cloud's canvas: a grid of cells that words (with their margins) and the
border take, and the nearest free place for a box, found with an integral image.

The bottom of dna.output.cloudlayout. Mutable, but lives for one layout call only.
"""

from __future__ import annotations

import math

import numpy as np

from dna.output.cloudstyle import MARGIN, PADDING

GRID_CELLS = 90_000  # free space is tracked in cells of a few pixels (speed lever)
BORDER = 2**30  # the rank of the border's cells: no word moves it

Cells = tuple[int, int, int, int]  # rows r0:r1 and columns c0:c1 of the grid


class Room:
    """Which cells of the canvas are taken. Boxes are ink boxes (x, y, w, h) in output pixels;
    each also takes MARGIN // 2 around it, so two words stay MARGIN apart, and none comes
    within PADDING of the edge."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cell = cell = max(1, round(math.sqrt(width * height / GRID_CELLS)))
        self.margin = MARGIN // 2
        self.rows, self.cols = -(-height // cell), -(-width // cell)
        pad = round(min(width, height) * PADDING)
        self.inner = (
            -(-pad // cell),
            -(-pad // cell),
            (height - pad) // cell,
            (width - pad) // cell,
        )
        r0, c0, r1, c1 = self.inner
        self.rank = np.full((self.rows, self.cols), BORDER, dtype=np.int32)  # 0: free
        self.rank[r0:r1, c0:c1] = 0
        self.widest = max(0, (c1 - c0) * cell - 2 * self.margin)  # the widest box that fits
        self.tallest = max(0, (r1 - r0) * cell - 2 * self.margin)
        self._sums: np.ndarray | None = None
        self._over: tuple[int, np.ndarray] | None = None  # (rank, integral of cells >= rank)

    def cells(self, x: int, y: int, w: int, h: int) -> Cells:
        """The cells a box and its margin touch (may reach beyond the grid)."""
        m, c = self.margin, self.cell
        return (y - m) // c, (x - m) // c, -(-(y + h + m) // c), -(-(x + w + m) // c)

    def inside(self, x: int, y: int, w: int, h: int) -> bool:
        """The box keeps off the border (and so lies on the canvas)."""
        r0, c0, r1, c1 = self.cells(x, y, w, h)
        top, left, bottom, right = self.inner
        return r0 >= top and c0 >= left and r1 <= bottom and c1 <= right

    def free(self, x: int, y: int, w: int, h: int) -> bool:
        r0, c0, r1, c1 = self.cells(x, y, w, h)
        if r0 < 0 or c0 < 0 or r1 > self.rows or c1 > self.cols:
            return False
        return not self.rank[r0:r1, c0:c1].any()

    def take(self, x: int, y: int, w: int, h: int, rank: int = 1) -> None:
        """Mark a free box taken by a word of this rank (its count): boxes never share a cell."""
        self._mark(self.cells(x, y, w, h), rank)

    def give_back(self, x: int, y: int, w: int, h: int) -> None:
        """Free a box taken before."""
        self._mark(self.cells(x, y, w, h), 0)

    def _mark(self, cells: Cells, rank: int) -> None:
        r0, c0, r1, c1 = cells
        r0, c0, r1, c1 = max(0, r0), max(0, c0), min(self.rows, r1), min(self.cols, c1)
        block, taken = self.rank[r0:r1, c0:c1], rank > 0
        self._over = None
        if self._sums is not None and (not block.any() if taken else block.all()):
            # a whole rectangle changes: update the integral image, no cumulative sums again
            down = np.arange(r0 + 1, self.rows + 1).clip(max=r1) - r0
            across = np.arange(c0 + 1, self.cols + 1).clip(max=c1) - c0
            change = down[:, None] * across[None, :]
            self._sums[r0 + 1 :, c0 + 1 :] += change if taken else -change
        else:
            self._sums = None
        block[...] = rank

    def _integral(self) -> np.ndarray:
        """sums[i, j]: how many of the cells above row i and left of column j are taken."""
        if self._sums is None:
            self._sums = _summed(self.rank > 0)
        return self._sums

    def find(
        self, w: int, h: int, target: tuple[float, float], over: int = 0
    ) -> tuple[int, int] | None:
        """The top-left of the free w x h box whose centre is nearest `target` (on an ellipse
        the shape of the canvas), the upper then the left one on a tie; None when none is.

        With `over`, cells of words ranked below it count as free too: the box that covers
        the fewest of them, then the nearest. The caller moves those words away.
        """
        c, m = self.cell, self.margin
        rows, cols = -(-(h + 2 * m) // c), -(-(w + 2 * m) // c)
        if rows > self.rows or cols > self.cols:
            return None
        taken = _windows(self._integral(), rows, cols)
        if over:
            if self._over is None or self._over[0] != over:
                self._over = over, _summed(self.rank >= over)
            hard = _windows(self._over[1], rows, cols)
            cost, free = (taken - hard) * 4.0, hard == 0  # each covered cell outweighs distance
        else:
            cost, free = 0.0, taken == 0
        if not free.any():
            return None
        ox = (cols * c - w - 2 * m) // 2 + m  # the box in the middle of the cells it takes
        oy = (rows * c - h - 2 * m) // 2 + m
        dx = (np.arange(free.shape[1]) * c + (ox + w / 2 - target[0])) / self.width
        dy = (np.arange(free.shape[0]) * c + (oy + h / 2 - target[1])) / self.height
        distance = np.where(free, cost + dy[:, None] ** 2 + dx[None, :] ** 2, np.inf)
        row, col = divmod(int(distance.argmin()), free.shape[1])
        return col * c + ox, row * c + oy


def _summed(cells: np.ndarray) -> np.ndarray:
    """The integral image: sums[i, j] counts the true cells above row i and left of column j."""
    sums = np.zeros((cells.shape[0] + 1, cells.shape[1] + 1), dtype=np.int32)
    sums[1:, 1:] = cells.cumsum(axis=0, dtype=np.int32).cumsum(axis=1)
    return sums


def _windows(s: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """How many counted cells each rows x cols window holds, by its top-left cell."""
    return s[rows:, cols:] - s[:-rows, cols:] - s[rows:, :-cols] + s[:-rows, :-cols]
