"""One recognised sheet read: metric rows or entry rows, by the kind its header says."""

from __future__ import annotations

from zongjie.workbook.entries import EntryRows
from zongjie.workbook.metrics import MetricRows


class SheetReader(MetricRows, EntryRows):
    def read(self) -> None:
        kind = self.head.kind
        if kind == "metrics":
            self.metrics()
        else:
            for row in self.rows():
                {
                    "problems": self.problem,
                    "plans": self.plan,
                    "highlights": self.highlight,
                    "cases": self.case,
                }[kind](row)
