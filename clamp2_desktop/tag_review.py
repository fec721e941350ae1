"""Review automatic tag suggestions: accept (they become the user's tags) or reject.

Reads the pending suggestions (zero-shot ``auto`` and linear-probe ``probe``
tags) from the GUI thread's read-only catalog connection; the decisions go
to the engine thread through :attr:`TagReviewDialog.decided`, which owns the
write connection.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from clamp2_engine.catalog import Catalog
from clamp2_engine.tagging import auto_suggestions

MAX_ROWS = 2000


class TagReviewDialog(QDialog):
    """A table of suggestions, most confident first, with Accept / Reject for the selected rows."""

    decided = Signal(bool, list)  # accepted?, [(piece_id, tag_id), ...]

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.setWindowTitle(self.tr("Review tag suggestions"))
        self.resize(760, 480)
        self.vocabulary = QComboBox()
        self.vocabulary.currentIndexChanged.connect(lambda _: self.reload())
        self.summary = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Piece"), self.tr("Tag"), self.tr("Vocabulary"),
                                              self.tr("Source"), self.tr("Confidence")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.clicked.connect(lambda: self._decide(True))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.clicked.connect(lambda: self._decide(False))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.vocabulary)
        top.addWidget(self.summary, 1)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._fill_vocabularies()
        self.reload()

    def _fill_vocabularies(self) -> None:
        self.vocabulary.blockSignals(True)
        self.vocabulary.clear()
        self.vocabulary.addItem(self.tr("All vocabularies"), None)
        for name in sorted({t.vocabulary for t in self.catalog.tags()}):
            self.vocabulary.addItem(name, name)
        self.vocabulary.blockSignals(False)

    def reload(self) -> None:
        rows = auto_suggestions(self.catalog, self.vocabulary.currentData(), limit=MAX_ROWS)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            title = r["title"] or Path(r["path"]).stem
            cells = [title, r["tag"], r["vocabulary"], r["source"],
                     "" if r["score"] is None else f"{r['score']:.3f}"]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 0:
                    item.setToolTip(r["path"])
                    item.setData(Qt.UserRole, (r["piece_id"], r["tag_id"]))
                self.table.setItem(i, j, item)
        self.summary.setText(self.tr("%n suggestion(s) to review", "", len(rows)))

    def selected_pairs(self) -> list[tuple[int, int]]:
        rows = sorted({ix.row() for ix in self.table.selectionModel().selectedRows()})
        return [self.table.item(i, 0).data(Qt.UserRole) for i in rows]

    def _decide(self, accepted: bool) -> None:
        pairs = self.selected_pairs()
        if pairs:
            self.decided.emit(accepted, [list(p) for p in pairs])
