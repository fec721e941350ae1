"""The main window: sidebar, library table, search and similarity results, details, player.

Everything shown comes from the engine: the table reads the catalog on the
GUI thread (a read connection; SQLite WAL lets it read while a scan
writes), while searches, similarity queries and tag edits go to the
:class:`EngineService` thread, and scans to a :class:`ScanWorker` thread.
"""
from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clamp2_desktop import APP_NAME
from clamp2_desktop.app_settings import Preferences, SettingsDialog
from clamp2_desktop.engine_service import EngineService, LibraryInfo, ScanWorker
from clamp2_desktop.library_model import LibraryTableModel, PathRole, PieceIdRole, ResultsModel, TuneRole
from clamp2_desktop.player_bar import PlayerBar
from clamp2_desktop.widgets import DetailsPane, ErrorsDialog, ScoreDelegate
from clamp2_engine.browse import BrowseQuery
from clamp2_engine.catalog import Catalog
from clamp2_engine.reading import MUSIC_EXTENSIONS
from clamp2_engine.settings import Settings

SEARCH_DEBOUNCE_MS = 400
RESULTS_K = 50


def _table(model, parent=None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setAlternatingRowColors(True)
    view.setDragEnabled(True)
    view.setDragDropMode(QAbstractItemView.DragOnly)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.ElideRight)
    return view


class MainWindow(QMainWindow):
    searchRequested = Signal(int, str, int, object)
    similarRequested = Signal(int, object, int, object)
    tagAdd = Signal(list, str)
    tagRemove = Signal(list, str)
    indexRefresh = Signal()
    autoTagRequested = Signal(object)   # vocabulary names, or None for all
    tagReview = Signal(bool, list)      # accepted?, [(piece_id, tag_id)]
    autoTagShown = Signal()
    openLibrary = Signal()
    closeLibrary = Signal()
    switchModel = Signal(object)        # model name or path; None: the default
    # emitted once the window has SHOWN an answer (tests and the latency bench wait on these)
    searchShown = Signal()
    similarShown = Signal()
    tagsShown = Signal()
    scanCompleted = Signal(object)
    indexReady = Signal(int)
    modelSwitched = Signal(str)         # the model now in use (after use_model)
    modelSwitchFailed = Signal(str)     # why use_model could not switch (the old model stays in use)

    def __init__(self, settings: Settings, model: str | None, qsettings: QSettings | None = None):
        super().__init__()
        self.settings = settings
        self.qsettings = qsettings or QSettings()
        self.prefs = Preferences.load(self.qsettings)
        self.model_spec = model or self.prefs.model or None
        self.catalog = Catalog.open(settings.db_path)  # the GUI thread's read connection
        self.info: LibraryInfo | None = None
        self.scan_worker: ScanWorker | None = None
        self._switching: tuple[str, bool] | None = None      # (model, re-embed) asked of the engine
        self._pending_switch: tuple[str, bool] | None = None  # waiting for a scan to stop
        self._requests = itertools.count(1)
        self._last_search = 0
        self._last_similar = 0
        self.last_error = ""
        self._closed = False
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self._build_engine()
        self._build_ui()
        self.refresh_all()
        self.openLibrary.emit()

    # ------------------------------------------------------------------ construction

    def _build_engine(self) -> None:
        self.engine_thread = QThread(self)
        self.engine_thread.setObjectName("clamp2-engine")
        self.engine = EngineService(self.settings, self.model_spec)
        self.engine.moveToThread(self.engine_thread)
        self.openLibrary.connect(self.engine.open)
        self.closeLibrary.connect(self.engine.close, Qt.BlockingQueuedConnection)
        self.switchModel.connect(self.engine.switch_model)
        self.searchRequested.connect(self.engine.search)
        self.similarRequested.connect(self.engine.similar)
        self.tagAdd.connect(self.engine.add_tag)
        self.tagRemove.connect(self.engine.remove_tag)
        self.indexRefresh.connect(self.engine.refresh_index)
        self.autoTagRequested.connect(self.engine.auto_tag)
        self.tagReview.connect(self.engine.review_tags)
        self.engine.autoTagged.connect(self._on_auto_tagged)
        self.engine.opened.connect(self._on_opened)
        self.engine.failed.connect(self._on_failed)
        self.engine.searchDone.connect(self._on_search_done)
        self.engine.similarDone.connect(self._on_similar_done)
        self.engine.tagsChanged.connect(self._on_tags_changed)
        self.engine.indexRefreshed.connect(self.indexReady)
        self.engine_thread.start()

    def _build_ui(self) -> None:
        # toolbar: search first, it is the main thing
        bar = QToolBar(self.tr("Main"))
        bar.setMovable(False)
        self.addToolBar(bar)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search in any language — “melancholic waltz”, “canción de cuna”, "
                                               "“欢快的舞曲”…"))
        self.search.setMinimumWidth(420)
        self.search.returnPressed.connect(self.run_search)
        self.search.textEdited.connect(lambda _: self.debounce.start())
        self.debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self.run_search)
        bar.addWidget(self.search)
        bar.addSeparator()
        self.add_folder_action = QAction(self.tr("Add folder…"), self)
        self.add_folder_action.triggered.connect(self.choose_folder)
        self.scan_action = QAction(self.tr("Rescan"), self)
        self.scan_action.triggered.connect(lambda: self.start_scan())
        self.errors_action = QAction(self.tr("Unreadable files"), self)
        self.errors_action.triggered.connect(self.show_errors)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence.Preferences)
        self.settings_action.triggered.connect(self.open_settings)
        self.autotag_action = QAction(self.tr("Tag my library"), self)
        self.autotag_action.setToolTip(self.tr("Suggest genre, mood, ensemble, era, form and region tags "
                                               "for every piece"))
        self.autotag_action.triggered.connect(self.tag_library)
        self.review_action = QAction(self.tr("Review tags…"), self)
        self.review_action.triggered.connect(self.review_tags)
        self.official_model_action = QAction(self.tr("Get the official CLaMP 2 model…"), self)
        self.official_model_action.setToolTip(self.tr("Import or download the official CLaMP 2 model "
                                                      "(101 languages, about 1.5 GB)"))
        self.official_model_action.triggered.connect(self.show_official_model_dialog)
        self.default_model_action = QAction(self.tr("Use the bundled default model"), self)
        self.default_model_action.triggered.connect(lambda: self.use_model("", True))
        self.finetune_action = QAction(self.tr("Fine-tune on my library…"), self)
        self.finetune_action.setToolTip(self.tr("Teach the model your own tags, titles and folder names"))
        self.finetune_action.triggered.connect(self.show_finetune_dialog)
        models_menu = QMenu(self)
        models_menu.addAction(self.official_model_action)
        models_menu.addAction(self.finetune_action)
        models_menu.addAction(self.default_model_action)
        self.models_button = QToolButton()
        self.models_button.setText(self.tr("Models"))
        self.models_button.setMenu(models_menu)
        self.models_button.setPopupMode(QToolButton.InstantPopup)
        self.models_button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for a in (self.add_folder_action, self.scan_action, self.autotag_action, self.review_action,
                  self.errors_action):
            bar.addAction(a)
        bar.addWidget(self.models_button)
        bar.addAction(self.settings_action)
        focus = QAction(self)
        focus.setShortcut(QKeySequence.Find)
        focus.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(focus)

        # sidebar: folders and tags
        self.sidebar = QTreeWidget()
        self.sidebar.setHeaderHidden(True)
        self.sidebar.setMinimumWidth(200)
        self.sidebar.itemClicked.connect(self._on_sidebar_clicked)

        # centre: tabs of library / search results / similar
        self.library_model = LibraryTableModel(self.catalog, self)
        self.library_view = _table(self.library_model)
        self.library_view.setSortingEnabled(True)
        self.library_view.sortByColumn(0, Qt.AscendingOrder)
        self.library_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        for col, width in ((1, 130), (2, 64), (3, 72), (4, 130), (5, 110)):
            self.library_view.setColumnWidth(col, width)
        self.library_view.selectionModel().currentRowChanged.connect(
            lambda cur, _: self._show_details(self.library_model.piece_id(cur.row())))
        self.library_view.doubleClicked.connect(lambda idx: self.find_similar(self.library_model.piece_id(idx.row())))
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by title, composer or file name"))
        self.filter_edit.textChanged.connect(lambda _: self.apply_browse())
        self.filter_label = QLabel()
        library_page = QWidget()
        lp = QVBoxLayout(library_page)
        lp.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.filter_label)
        lp.addLayout(top)
        self.library_stack = QStackedWidget()
        self.library_stack.addWidget(self.library_view)
        self.library_stack.addWidget(self._welcome_page())
        lp.addWidget(self.library_stack)

        self.search_model = ResultsModel(self)
        self.search_view = self._results_view(self.search_model)
        self.search_header = QLabel(self.tr("Type a description of the music you want, in any language."))
        self.search_header.setWordWrap(True)
        search_page = QWidget()
        sp = QVBoxLayout(search_page)
        sp.setContentsMargins(0, 4, 0, 0)
        sp.addWidget(self.search_header)
        sp.addWidget(self.search_view)

        self.similar_model = ResultsModel(self)
        self.similar_view = self._results_view(self.similar_model)
        self.similar_header = QLabel(self.tr("Drop MIDI or ABC files onto the window, or choose “Find similar” "
                                             "on a piece."))
        self.similar_header.setWordWrap(True)
        similar_page = QWidget()
        simp = QVBoxLayout(similar_page)
        simp.setContentsMargins(0, 4, 0, 0)
        simp.addWidget(self.similar_header)
        simp.addWidget(self.similar_view)

        self.tabs = QTabWidget()
        self.tabs.addTab(library_page, self.tr("Library"))
        self.tabs.addTab(search_page, self.tr("Search results"))
        self.tabs.addTab(similar_page, self.tr("Similar pieces"))

        self.details = DetailsPane()
        self.details.setMinimumWidth(280)
        self.details.findSimilar.connect(self.find_similar)
        self.details.addTag.connect(self.tagAdd)
        self.details.removeTag.connect(self.tagRemove)
        self.details.play.connect(self.play_piece)

        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([190, 820, 300])

        self.player = PlayerBar(self.prefs.midi_output)
        central = QWidget()
        cl = QVBoxLayout(central)
        cl.setContentsMargins(6, 0, 6, 6)
        cl.addWidget(splitter, 1)
        cl.addWidget(self.player)
        self.setCentralWidget(central)

        # status bar: model, scan progress with cancel
        self.model_label = QLabel(self.tr("Loading model…"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel scan"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.status_text = QLabel()
        sb = self.statusBar()
        sb.addWidget(self.status_text, 1)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        sb.addPermanentWidget(self.model_label)

    def _results_view(self, model: ResultsModel) -> QTableView:
        view = _table(model)
        view.setItemDelegateForColumn(1, ScoreDelegate(view))
        header = view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        view.setColumnWidth(0, 40)
        view.setColumnWidth(1, 120)
        view.setColumnWidth(3, 70)
        view.setColumnWidth(4, 230)
        view.selectionModel().currentRowChanged.connect(
            lambda cur, _: self._show_details(model.data(model.index(cur.row(), 0), PieceIdRole)))
        view.doubleClicked.connect(lambda idx: self.play_result(model, idx.row()))
        return view

    def _welcome_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel(self.tr("Your library is empty"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignCenter)
        text = QLabel(self.tr("Add a folder of MIDI and ABC files, or start with the demo library: "
                              "Irish dances, airs and Bach chorales, all public domain."))
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignCenter)
        self.demo_button = QPushButton(self.tr("Open the demo library"))
        self.demo_button.clicked.connect(self.open_demo)
        add = QPushButton(self.tr("Add a folder…"))
        add.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.demo_button)
        row.addWidget(add)
        row.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    # ------------------------------------------------------------------ library view

    def refresh_all(self) -> None:
        self.apply_browse()
        self.refresh_sidebar()

    def current_browse(self) -> BrowseQuery:
        item = self.sidebar.currentItem()
        kind, value = item.data(0, Qt.UserRole) if item is not None and item.data(0, Qt.UserRole) else ("all", None)
        old = self.library_model.query
        return BrowseQuery(text=self.filter_edit.text(), tag=value if kind == "tag" else None,
                           folder=value if kind == "folder" else None, sort=old.sort, descending=old.descending)

    def apply_browse(self) -> None:
        self.library_model.set_query(self.current_browse())
        n = self.library_model.rowCount()
        self.filter_label.setText(self.tr("%n piece(s)", "", n))
        empty = not self.catalog.roots()
        self.library_stack.setCurrentIndex(1 if empty else 0)

    def refresh_sidebar(self) -> None:
        current = self.sidebar.currentItem()
        selected = current.data(0, Qt.UserRole) if current is not None else None
        self.sidebar.clear()
        stats = self.catalog.stats()
        everything = QTreeWidgetItem([self.tr("All pieces (%n)", "", stats["pieces"])])
        everything.setData(0, Qt.UserRole, ("all", None))
        self.sidebar.addTopLevelItem(everything)
        folders = QTreeWidgetItem([self.tr("Folders")])
        folders.setFlags(folders.flags() & ~Qt.ItemIsSelectable)
        for root in self.catalog.roots():
            item = QTreeWidgetItem([Path(root.path).name or root.path])
            item.setToolTip(0, root.path)
            item.setData(0, Qt.UserRole, ("folder", root.path))
            folders.addChild(item)
        tags = QTreeWidgetItem([self.tr("Tags")])
        tags.setFlags(tags.flags() & ~Qt.ItemIsSelectable)
        by_vocab: dict[str, list] = {}
        for tag in self.catalog.tags():
            by_vocab.setdefault(tag.vocabulary, []).append(tag)
        for vocab, vocab_tags in sorted(by_vocab.items()):
            parent = tags if vocab == "user" else QTreeWidgetItem([vocab])
            if parent is not tags:
                parent.setFlags(parent.flags() & ~Qt.ItemIsSelectable)
                tags.addChild(parent)
            for tag in vocab_tags:
                item = QTreeWidgetItem([tag.name])
                item.setData(0, Qt.UserRole, ("tag", tag.name))
                parent.addChild(item)
        self.sidebar.addTopLevelItem(folders)
        self.sidebar.addTopLevelItem(tags)
        if stats["errors"]:
            errors = QTreeWidgetItem([self.tr("Unreadable files (%n)", "", stats["errors"])])
            errors.setData(0, Qt.UserRole, ("errors", None))
            self.sidebar.addTopLevelItem(errors)
        self.sidebar.expandAll()
        for item in self._sidebar_items():
            if selected and item.data(0, Qt.UserRole) == selected:
                self.sidebar.setCurrentItem(item)
                break
        else:
            self.sidebar.setCurrentItem(everything)

    def _sidebar_items(self):
        stack = [self.sidebar.topLevelItem(i) for i in range(self.sidebar.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def _on_sidebar_clicked(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, Qt.UserRole)
        if not data:
            return
        if data[0] == "errors":
            self.show_errors()
            return
        self.tabs.setCurrentIndex(0)
        self.apply_browse()

    def select_tag(self, name: str) -> None:
        for item in self._sidebar_items():
            if item.data(0, Qt.UserRole) == ("tag", name):
                self.sidebar.setCurrentItem(item)
                self._on_sidebar_clicked(item)
                return

    def _show_details(self, piece_id: int | None) -> None:
        if piece_id is None:
            self.details.show_piece(None, [])
            return
        try:
            piece = self.catalog.piece(int(piece_id))
        except Exception:
            self.details.show_piece(None, [])
            return
        self.details.show_piece(piece, self.catalog.tags_of(piece.id))

    def selected_piece_ids(self) -> list[int]:
        rows = {i.row() for i in self.library_view.selectionModel().selectedRows()}
        return [pid for pid in (self.library_model.piece_id(r) for r in sorted(rows)) if pid is not None]

    # ------------------------------------------------------------------ engine answers

    def _on_opened(self, info: LibraryInfo) -> None:
        self.info = info
        self.model_label.setText(self.tr("Model: {0} · {1}").format(info.model_name, info.device))
        self.model_label.setToolTip(self.tr("{0}-dimensional embeddings; library {1}").format(info.dim, info.db_path))
        switched, self._switching = self._switching, None
        if switched is not None:
            name, reembed = switched
            self.model_spec = name or None
            self.prefs.model = name
            self.prefs.save(self.qsettings)
            self.similar_model.set_results([])
            self.status_text.setText(self.tr("Now using the model {0}.").format(info.model_name))
            if reembed and self.catalog.roots():
                self.start_scan()
                self.status_text.setText(self.tr("Now using the model {0}; embedding your library for it in "
                                                 "the background…").format(info.model_name))
        if self.search.text().strip():
            self.run_search()
        if switched is not None:
            self.modelSwitched.emit(info.model_name)

    def _on_failed(self, operation: str, message: str) -> None:
        self.last_error = message
        if operation == "switch":
            self._switching = None
            current = self.info.model_name if self.info else None
            if self.info is not None:
                self.model_label.setText(self.tr("Model: {0} · {1}").format(self.info.model_name, self.info.device))
            else:
                self.model_label.setText(self.tr("No model loaded"))
            self.status_text.setText(message)
            still = (self.tr("The app goes on with the model {0}.").format(current) if current
                     else self.tr("No model is loaded; choose one in Settings."))
            self.modelSwitchFailed.emit(message)
            QMessageBox.warning(self, APP_NAME, self.tr("The model could not be loaded:\n{0}\n\n{1}").format(
                message, still))
        elif operation == "open":
            self.model_label.setText(self.tr("No model loaded"))
            QMessageBox.warning(self, APP_NAME, self.tr("The model could not be loaded:\n{0}\n\nYou can still browse "
                                                        "the library; choose a model in Settings.").format(message))
        else:
            self.status_text.setText(message)
            if operation == "autotag":
                self.autotag_action.setEnabled(True)
            if operation == "search":
                self.search_header.setText(message)
            elif operation == "similar":
                self.similar_header.setText(message)

    def _on_search_done(self, request: int, query: str, results: list) -> None:
        if request != self._last_search:
            return  # an older query answered late: the user typed on
        self.search_model.set_results(results)
        model = self.info.model_name if self.info else "?"
        if results:
            self.search_header.setText(self.tr("%n result(s) for “{0}” · model {1}", "",
                                               len(results)).format(query, model))
        else:
            self.search_header.setText(self.tr("No results for “{0}”. The library may be empty.").format(query))
        self.tabs.setCurrentIndex(1)
        self.searchShown.emit()

    def _on_similar_done(self, request: int, query, results: list) -> None:
        if request != self._last_similar:
            return
        self.similar_model.set_results(results)
        name = ", ".join(Path(p).name for p in query.path.split("; ")) + (f" #{query.tune + 1}" if query.tune else "")
        where = self.tr("from the library") if query.in_library else self.tr("not in the library, analysed just now")
        self.similar_header.setText(self.tr("Pieces similar to {0} ({1}) · model {2}").format(
            name, where, self.info.model_name if self.info else "?"))
        self.similar_query_path = query.path
        self.similar_query_tune = query.tune
        self.tabs.setCurrentIndex(2)
        self.similarShown.emit()

    def _on_tags_changed(self, piece_ids: list) -> None:
        self.library_model.invalidate_rows(piece_ids)
        self.refresh_sidebar()
        if self.details.piece is not None:
            self._show_details(self.details.piece.id)
        self.tagsShown.emit()

    def _on_auto_tagged(self, reports: list) -> None:
        self.autotag_action.setEnabled(True)
        tagged = max((r.tagged for r in reports), default=0)
        total = max((r.pieces for r in reports), default=0)
        self.status_text.setText(self.tr("Suggested tags for {0} of {1} pieces; review them with "
                                         "“Review tags…”.").format(tagged, total))
        self.refresh_sidebar()
        self.autoTagShown.emit()

    # ------------------------------------------------------------------ actions

    def tag_library(self) -> None:
        """Zero-shot tagging on the engine thread; the window stays responsive."""
        self.autotag_action.setEnabled(False)
        self.status_text.setText(self.tr("Tagging the library…"))
        self.autoTagRequested.emit(None)

    def review_tags(self) -> None:
        from clamp2_desktop.tag_review import TagReviewDialog

        dialog = TagReviewDialog(self.catalog, self)
        dialog.decided.connect(self.tagReview)
        self.tagsShown.connect(dialog.reload)
        try:
            dialog.exec()
        finally:
            self.tagsShown.disconnect(dialog.reload)

    def run_search(self) -> None:
        self.debounce.stop()
        query = self.search.text().strip()
        if not query:
            self.search_model.set_results([])
            self.search_header.setText(self.tr("Type a description of the music you want, in any language."))
            return
        self._last_search = next(self._requests)
        self.search_header.setText(self.tr("Searching for “{0}”…").format(query))
        self.searchRequested.emit(self._last_search, query, RESULTS_K, None)

    def find_similar(self, target) -> None:
        if target is None:
            return
        self._last_similar = next(self._requests)
        self.similar_header.setText(self.tr("Looking for similar pieces…"))
        self.similarRequested.emit(self._last_similar, target, RESULTS_K, None)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a music folder"))
        if folder:
            self.start_scan([Path(folder)])

    def open_demo(self) -> None:
        demo = self.settings.demo_dir
        if demo is None or not demo.is_dir():
            QMessageBox.information(self, APP_NAME, self.tr("The demo library is not installed."))
            return
        self.start_scan([demo.resolve()])

    def start_scan(self, roots: list[Path] | None = None) -> bool:
        if self.scan_worker is not None or self._switching is not None or self._pending_switch is not None:
            return False
        if self.engine.library is None:
            QMessageBox.information(self, APP_NAME, self.tr("Scanning needs a model; it is still loading or could "
                                                            "not be loaded (see Settings)."))
            return False
        roots = roots or [Path(r.path) for r in self.catalog.roots()]
        if not roots:
            self.choose_folder()
            return False
        worker = ScanWorker(self.settings, self.engine.library, roots, self)
        worker.progress.connect(self._on_scan_progress)
        worker.finishedScan.connect(self._on_scan_finished)
        worker.failedScan.connect(self._on_scan_failed)
        self.scan_worker = worker
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_text.setText(self.tr("Scanning {0}…").format(", ".join(p.name for p in roots)))
        worker.start()
        return True

    def cancel_scan(self) -> None:
        if self.scan_worker is not None:
            self.scan_worker.cancel()
            self.status_text.setText(self.tr("Cancelling the scan after the current batch…"))

    def _on_scan_progress(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v / %m files") if phase == "scan" else self.tr("%v / %m pieces"))

    def _scan_ended(self) -> None:
        if self.scan_worker is not None:
            self.scan_worker.wait()
            self.scan_worker.deleteLater()
        self.scan_worker = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.indexRefresh.emit()
        self.refresh_all()
        pending, self._pending_switch = self._pending_switch, None
        if pending is not None:
            QTimer.singleShot(0, lambda: self.use_model(*pending))

    def _on_scan_finished(self, report) -> None:
        self._scan_ended()
        if report.cancelled:
            text = self.tr("Scan cancelled: {0} files read, {1} pieces added so far.")
            self.status_text.setText(text.format(report.parsed, report.pieces_embedded))
        else:
            text = self.tr("Scan finished: {0} new, {1} changed, {2} moved, {3} removed, {4} unreadable.")
            self.status_text.setText(text.format(report.new, report.changed, report.moved, report.removed,
                                                 report.failed))
        self.last_scan = report
        self.scanCompleted.emit(report)

    def _on_scan_failed(self, message: str) -> None:
        self._scan_ended()
        self.status_text.setText(message)
        QMessageBox.warning(self, APP_NAME, self.tr("The scan stopped:\n{0}").format(message))

    def show_errors(self) -> None:
        ErrorsDialog(self.catalog.errors(), self).exec()

    def open_settings(self) -> None:
        ports = self.player.midi_ports()
        dialog = SettingsDialog(self.prefs, [r.path for r in self.catalog.roots()], ports, self)
        if not dialog.exec():
            return
        new = dialog.preferences()
        for folder in dialog.removed_folders:
            removed = self.catalog.remove_root(folder)
            if removed and self.engine.library is not None:
                self.indexRefresh.emit()
        model_changed = new.model != self.prefs.model
        restart = new.device != self.prefs.device or new.language != self.prefs.language
        new.model = self.prefs.model  # stored by use_model once the new model has loaded
        self.prefs = new
        new.save(self.qsettings)
        self.player.set_output(new.midi_output)
        if dialog.added_folders:
            self.start_scan([Path(f) for f in dialog.added_folders])
        self.refresh_all()
        if model_changed:
            self.use_model(dialog.preferences().model, True)
        if restart:
            QMessageBox.information(self, APP_NAME, self.tr("The new device or language takes effect the "
                                                            "next time CLaMP 2 Desktop starts."))
        if dialog.official_requested:
            self.show_official_model_dialog()

    # ------------------------------------------------------------------ models

    def show_official_model_dialog(self):
        """The "Get the official CLaMP 2 model" dialog (window-modal; returns it, tests drive it)."""
        from clamp2_desktop.model_dialogs import OfficialModelDialog

        self.official_dialog = self._open_model_dialog(OfficialModelDialog(self.settings, self))
        return self.official_dialog

    def show_finetune_dialog(self):
        """The "Fine-tune on my library" dialog, starting from the model in use (returns it, tests drive it)."""
        from clamp2_desktop.finetune_dialog import FinetuneDialog

        parent_model = self.info.model_name if self.info else self.model_spec
        self.finetune_dialog = self._open_model_dialog(FinetuneDialog(self.settings, parent_model, self))
        return self.finetune_dialog

    def _open_model_dialog(self, dialog):
        """Window-modal, deleted on close; its ``useModel(name, reembed)`` switches the app's model."""
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.useModel.connect(self.use_model)
        dialog.open()
        return dialog

    def use_model(self, name: str, reembed: bool = True) -> bool:
        """Switch to the model ``name`` (a name, a path, or "" for the default) without restarting.

        A running scan is cancelled first (it embeds with the old model) and the
        switch follows when it has stopped.  Once the new model is loaded the
        choice is stored in the preferences, ``modelSwitched`` is emitted and,
        with ``reembed``, every library folder is rescanned so that each piece
        gets an embedding for the new model in the background.  A model that
        cannot load leaves the old one in use (``modelSwitchFailed``).
        """
        if self._switching is not None or self._pending_switch is not None:
            self.status_text.setText(self.tr("A model is already being loaded; try again when it is done."))
            return False
        if self.scan_worker is not None:
            self._pending_switch = (name, reembed)
            self.scan_worker.cancel()
            self.status_text.setText(self.tr("Stopping the scan first; then switching to the model {0}…").format(
                name or self.tr("bundled default")))
            return True
        self._switching = (name, reembed)
        self.model_label.setText(self.tr("Loading model {0}…").format(name or self.tr("bundled default")))
        self.switchModel.emit(name or None)
        return True

    # ------------------------------------------------------------------ playback

    def play_piece(self, piece_id: int) -> None:
        piece = self.catalog.piece(int(piece_id))
        self.player.load_and_play(piece.path, piece.tune_index if piece.format == "abc" else None,
                                  piece.title or Path(piece.path).stem)

    def play_result(self, model: ResultsModel, row: int) -> None:
        index = model.index(row, 0)
        path = model.data(index, PathRole)
        if path:
            title = model.data(model.index(row, 2))
            self.player.load_and_play(path, model.data(index, TuneRole), title,
                                      compare_with=getattr(self, "similar_query_path", None)
                                      if model is self.similar_model else None,
                                      compare_tune=getattr(self, "similar_query_tune", None))

    # ------------------------------------------------------------------ drag and drop

    @staticmethod
    def _music_paths(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [u.toLocalFile() for u in urls
                if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in MUSIC_EXTENSIONS]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._music_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if self._music_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._music_paths(event)
        if not paths:
            return
        event.acceptProposedAction()
        self.drop_files(paths)

    def drop_files(self, paths: list[str]) -> None:
        """Pieces similar to the dropped file, or to all of several dropped files together."""
        self.find_similar(paths[0] if len(paths) == 1 else list(paths))

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event) -> None:
        """Cancel a running scan and wait for its batch to commit, so the library stays consistent."""
        if self._closed:
            super().closeEvent(event)
            return
        self._closed = True
        worker = self.scan_worker
        if worker is not None:
            for signal in (worker.progress, worker.finishedScan, worker.failedScan):
                signal.disconnect()
            worker.cancel()
            worker.wait()
            self.scan_worker = None
        self.player.shutdown()
        from clamp2_desktop.model_dialogs import wait_for_jobs

        wait_for_jobs()  # a model import or download left running by a closed dialog
        if self.engine_thread.isRunning():
            self.closeLibrary.emit()  # blocking: the engine releases the database before we go on
        self.engine_thread.quit()
        self.engine_thread.wait()
        self.catalog.close()
        super().closeEvent(event)


__all__ = ["MainWindow", "QItemSelectionModel"]
