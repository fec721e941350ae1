"""Qt item models over the catalog and over query results.

:class:`LibraryTableModel` holds only the ordered piece ids of the current
view; rows are fetched from SQLite a page at a time when the view first
paints them, so 100,000 pieces cost one id query and a few pages.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtCore import QCoreApplication

from clamp2_engine.browse import BrowseQuery, BrowseRow, browse_ids, browse_rows, display_title
from clamp2_engine.catalog import Catalog
from clamp2_engine.search import SearchResult

PAGE = 256
PieceIdRole = Qt.UserRole + 1
PathRole = Qt.UserRole + 2
ScoreRole = Qt.UserRole + 3
TuneRole = Qt.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("LibraryModel", text)


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def format_label(fmt: str | None) -> str:
    return {"midi": "MIDI", "abc": "ABC"}.get(fmt or "", fmt or "")


class _PieceTable(QAbstractTableModel):
    """What both tables share: fixed columns, header labels, and rows that drag out as files."""

    COLUMNS: tuple[str, ...] = ()

    def headers(self) -> list[str]:
        raise NotImplementedError

    def _count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers()[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes) -> QMimeData:
        return _file_mime({self.data(i, PathRole) for i in indexes if i.isValid()})


class LibraryTableModel(_PieceTable):
    """The library table: title, composer, format, duration, tags, folder."""

    COLUMNS = ("title", "composer", "format", "duration", "tags", "folder")

    def __init__(self, catalog: Catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.query = BrowseQuery()
        self._ids: list[int] = []
        self._pages: dict[int, list[BrowseRow]] = {}

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("LibraryModel", "Title"),
                QCoreApplication.translate("LibraryModel", "Composer"),
                QCoreApplication.translate("LibraryModel", "Format"),
                QCoreApplication.translate("LibraryModel", "Duration"),
                QCoreApplication.translate("LibraryModel", "Tags"),
                QCoreApplication.translate("LibraryModel", "Folder")]

    # -- loading ---------------------------------------------------------------

    def set_query(self, query: BrowseQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = browse_ids(self.catalog, self.query).tolist()
        self._pages.clear()
        self.endResetModel()

    def invalidate_rows(self, piece_ids: list[int] | None = None) -> None:
        """Forget cached rows (tags changed, say) and repaint."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def row_data(self, row: int) -> BrowseRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            ids = self._ids[page * PAGE:(page + 1) * PAGE]
            fetched = {r.piece_id: r for r in browse_rows(self.catalog, ids)}
            rows = [fetched.get(i) for i in ids]
            if len(self._pages) > 64:  # keep memory flat while scrolling through 100k rows
                self._pages.clear()
            self._pages[page] = rows
        return rows[row - page * PAGE]

    def piece_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, piece_id: int) -> int:
        try:
            return self._ids.index(piece_id)
        except ValueError:
            return -1

    # -- Qt model API ------------------------------------------------------------

    def _count(self) -> int:
        return len(self._ids)

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        col = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            if col == "title":
                multi = row.format == "abc"
                return row.display_title + (f"  (#{row.tune_index + 1})" if multi and row.tune_index else "")
            if col == "composer":
                return row.composer or ""
            if col == "format":
                return format_label(row.format)
            if col == "duration":
                return format_duration(row.duration_s)
            if col == "tags":
                return ", ".join(row.tags)
            if col == "folder":
                return Path(row.folder).name
        if role == Qt.ToolTipRole:
            return row.path if col in ("title", "folder") else None
        if role == Qt.TextAlignmentRole and col == "duration":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == PieceIdRole:
            return row.piece_id
        if role == PathRole:
            return row.path
        if role == TuneRole:
            return row.tune_index if row.format == "abc" else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        key = self.COLUMNS[column]
        if key == "tags":
            key = "title"
        self.query = BrowseQuery(**{**self.query.__dict__, "sort": key,
                                    "descending": order == Qt.DescendingOrder})
        self.reload()



def _file_mime(paths: set[str]) -> QMimeData:
    """File URLs, so a DAW or the file manager receives the files themselves."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in sorted(p for p in paths if p)])
    return mime


class ResultsModel(_PieceTable):
    """Ranked search or similarity results: rank, score (drawn as a bar), title, format, path."""

    COLUMNS = ("rank", "score", "title", "format", "path")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: list[SearchResult] = []

    def headers(self) -> list[str]:
        return ["#", QCoreApplication.translate("LibraryModel", "Match"),
                QCoreApplication.translate("LibraryModel", "Title"),
                QCoreApplication.translate("LibraryModel", "Format"),
                QCoreApplication.translate("LibraryModel", "File")]

    def set_results(self, results: list[SearchResult]) -> None:
        self.beginResetModel()
        self.results = list(results)
        self.endResetModel()

    def result(self, row: int) -> SearchResult | None:
        return self.results[row] if 0 <= row < len(self.results) else None

    def _count(self) -> int:
        return len(self.results)

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.results[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            if col == "rank":
                return str(r.rank)
            if col == "score":
                return f"{r.score:.3f}"
            if col == "title":
                title = display_title(r.title, r.path)
                return title + (f"  (#{r.tune + 1})" if r.tune else "")
            if col == "format":
                return format_label(r.format)
            if col == "path":
                return Path(r.path).name
        if role == Qt.ToolTipRole:
            return r.path
        if role == ScoreRole:
            return r.score
        if role == PieceIdRole:
            return r.piece_id
        if role == PathRole:
            return r.path
        if role == TuneRole:
            return r.tune
        if role == Qt.TextAlignmentRole and col == "rank":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

