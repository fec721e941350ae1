"""Small widgets of the main window: score bars, the details pane, the errors dialog."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clamp2_desktop.library_model import ScoreRole, format_duration, format_label
from clamp2_engine.browse import display_title
from clamp2_engine.catalog import PieceRecord, PieceTag


class ScoreDelegate(QStyledItemDelegate):
    """Draws a similarity score as a bar with its value, so ranks read at a glance."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        score = index.data(ScoreRole)
        if score is None:
            super().paint(painter, option, index)
            return
        painter.save()
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style:
            style.drawPrimitive(style.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(4, 5, -4, -5)
        frac = max(0.0, min(1.0, float(score)))  # cosine: below 0 means unrelated, an empty bar
        bar = QRect(rect.left(), rect.top(), int(rect.width() * frac), rect.height())
        base = option.palette.color(QPalette.Highlight)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(base.red(), base.green(), base.blue(), 45))
        painter.drawRoundedRect(rect, 3, 3)
        # a light fill keeps the number readable wherever the bar ends
        painter.setBrush(QColor(base.red(), base.green(), base.blue(), 120))
        painter.drawRoundedRect(bar, 3, 3)
        selected = bool(option.state & QStyle.State_Selected)
        painter.setPen(option.palette.color(QPalette.HighlightedText if selected else QPalette.Text))
        painter.drawText(rect, Qt.AlignCenter, f"{float(score):.3f}")
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return QSize(110, 24)


def reveal_in_file_manager(path: str) -> None:
    """Open the folder that holds ``path`` (selecting the file where the platform can)."""
    if sys.platform == "darwin":
        subprocess.Popen(["open", "-R", path])
    elif sys.platform == "win32":
        subprocess.Popen(["explorer", "/select,", os.path.normpath(path)])
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


class DetailsPane(QWidget):
    """Metadata, tags (with scores for automatic ones) and actions of the selected piece."""

    findSimilar = Signal(int)
    play = Signal(int)
    addTag = Signal(list, str)
    removeTag = Signal(list, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.piece: PieceRecord | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.fields = QFormLayout()
        self.fields.setLabelAlignment(Qt.AlignRight)
        self.composer = QLabel()
        self.format = QLabel()
        self.duration = QLabel()
        self.path = QLabel()
        self.path.setWordWrap(True)
        self.path.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.fields.addRow(self.tr("Composer:"), self.composer)
        self.fields.addRow(self.tr("Format:"), self.format)
        self.fields.addRow(self.tr("Duration:"), self.duration)
        self.fields.addRow(self.tr("Details:"), self.meta)
        self.fields.addRow(self.tr("File:"), self.path)
        self.tags = QListWidget()
        self.tags.setMaximumHeight(130)
        self.tag_edit = QLineEdit()
        self.tag_edit.setPlaceholderText(self.tr("Add a tag and press Enter"))
        self.tag_edit.returnPressed.connect(self._add_tag)
        self.remove_button = QPushButton(self.tr("Remove tag"))
        self.remove_button.clicked.connect(self._remove_tag)
        self.similar_button = QPushButton(self.tr("Find similar"))
        self.similar_button.clicked.connect(lambda: self.piece and self.findSimilar.emit(self.piece.id))
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.clicked.connect(lambda: self.piece and self.play.emit(self.piece.id))
        self.reveal_button = QPushButton(self.tr("Show in folder"))
        self.reveal_button.clicked.connect(lambda: self.piece and reveal_in_file_manager(self.piece.path))
        buttons = QHBoxLayout()
        for b in (self.similar_button, self.play_button, self.reveal_button):
            buttons.addWidget(b)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag_edit, 1)
        tag_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.fields)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Tags")))
        layout.addWidget(self.tags)
        layout.addLayout(tag_row)
        layout.addStretch(1)
        self.show_piece(None, [])

    def show_piece(self, piece: PieceRecord | None, tags: list[PieceTag]) -> None:
        self.piece = piece
        enabled = piece is not None
        for w in (self.similar_button, self.play_button, self.reveal_button, self.tag_edit, self.remove_button):
            w.setEnabled(enabled)
        if piece is None:
            self.title.setText(self.tr("Select a piece to see its details"))
            for label in (self.composer, self.format, self.duration, self.path, self.meta):
                label.setText("")
            self.tags.clear()
            return
        tune = f"  (#{piece.tune_index + 1})" if piece.format == "abc" and piece.tune_index else ""
        self.title.setText(display_title(piece.title, piece.path) + tune)
        self.composer.setText(piece.composer or "—")
        self.format.setText(format_label(piece.format))
        self.duration.setText(format_duration(piece.duration_s) or "—")
        self.path.setText(piece.path)
        facts = []
        meta = piece.meta or {}
        for key, label in (("R", self.tr("rhythm")), ("M", self.tr("metre")), ("K", self.tr("key")),
                           ("O", self.tr("origin")), ("n_tracks", self.tr("tracks")),
                           ("tempo_bpm", self.tr("tempo"))):
            value = meta.get(key) or (meta.get("fields") or {}).get(key)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if isinstance(value, float):
                value = f"{value:.0f}"
            if value not in (None, ""):
                facts.append(self.tr("{0}: {1}", "a detail of a piece: its label, its value").format(label, value))
        self.meta.setText("; ".join(facts) or "—")
        self.tags.clear()
        for t in tags:
            if t.source == "user":
                text = t.tag.name
            else:
                score = f" {t.score:.2f}" if t.score is not None else ""
                kind = self.tr("auto") if t.source == "auto" else self.tr("suggested")
                text = f"{t.tag.name}  ({kind}{score})"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, (t.tag.name, t.source))
            self.tags.addItem(item)

    def _add_tag(self) -> None:
        name = self.tag_edit.text().strip()
        if self.piece is not None and name:
            self.addTag.emit([self.piece.id], name)
            self.tag_edit.clear()

    def _remove_tag(self) -> None:
        item = self.tags.currentItem()
        if self.piece is not None and item is not None:
            name, source = item.data(Qt.UserRole)
            if source == "user":
                self.removeTag.emit([self.piece.id], name)


class ErrorsDialog(QDialog):
    """Every file the library could not read, with the reason."""

    def __init__(self, errors, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unreadable files"))
        self.resize(820, 420)
        table = QTableWidget(len(errors), 2)
        table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        for row, e in enumerate(errors):
            table.setItem(row, 0, QTableWidgetItem(e.path))
            table.setItem(row, 1, QTableWidgetItem(e.reason))
        table.setColumnWidth(0, 360)
        self.table = table
        box = QDialogButtonBox(QDialogButtonBox.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        summary = QLabel(self.tr("%n file(s) could not be read. They are skipped; the rest of the library is fine.",
                                 "", len(errors)))
        layout.addWidget(summary)
        layout.addWidget(table)
        layout.addWidget(box)
