"""The engine, on worker threads, behind Qt signals.

The model and the library's write connection live on ONE worker thread
(:class:`EngineService`): searches, similarity queries and tag edits queue
there in order and never block the window.  A scan runs on its own thread
(:class:`ScanWorker`) with its own catalog connection but the same loaded
model; when it ends, the service catches its index up with the catalog.
"""
from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from clamp2_engine.errors import Clamp2Error
from clamp2_engine.library import Library
from clamp2_engine.search import Filters
from clamp2_engine.settings import Settings


@dataclass(frozen=True)
class LibraryInfo:
    model_name: str
    model_kind: str
    dim: int
    device: str
    has_text: bool
    db_path: str


def _message(exc: BaseException) -> str:
    if isinstance(exc, Clamp2Error):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


class EngineService(QObject):
    """Runs every engine call on the thread it was moved to; answers with signals."""

    opened = Signal(object)                 # LibraryInfo
    failed = Signal(str, str)               # operation, message
    searchDone = Signal(int, str, list)     # request id, query, [SearchResult]
    similarDone = Signal(int, object, list)  # request id, SimilarQuery, [SearchResult]
    tagsChanged = Signal(list)              # piece ids touched
    indexRefreshed = Signal(int)            # live vectors
    autoTagged = Signal(list)               # [VocabularyReport] of a "Tag my library" run

    def __init__(self, settings: Settings, model: str | None):
        super().__init__()
        self.settings = settings
        self.model_spec = model
        self.library: Library | None = None

    # -- lifecycle ------------------------------------------------------------

    @Slot()
    def open(self) -> None:
        try:
            self.library = Library.open(self.settings, self.model_spec, device=self.settings.device)
        except Exception as exc:  # shown to the user; the window stays usable for browsing
            self.failed.emit("open", _message(exc))
            return
        self._emit_opened()

    @Slot(object)
    def switch_model(self, spec: object) -> None:
        """Use another model from now on (a name, a path, or None for the default).

        The new model is loaded *before* the current one is let go, so a model
        that cannot load (``failed("switch", why)``) leaves the app working with
        the old one.  On success the old library is closed and ``opened`` says
        which model is in use now.
        """
        new_spec = str(spec) if spec else None
        try:
            library = Library.open(self.settings, new_spec, device=self.settings.device)
        except Exception as exc:
            self.failed.emit("switch", _message(exc))
            return
        old, self.library, self.model_spec = self.library, library, new_spec
        if old is not None:
            old.close()
        self._emit_opened()

    def _emit_opened(self) -> None:
        lib = self.library
        self.opened.emit(LibraryInfo(lib.model.name, lib.model.kind, lib.embedder.dim, str(lib.embedder.torch_device),
                                     lib.loaded.can_embed_text, str(lib.catalog.path)))

    @Slot()
    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None

    # -- queries ----------------------------------------------------------------

    def _need_library(self, op: str) -> Library | None:
        if self.library is None:
            self.failed.emit(op, self.tr("No model is loaded, so the library cannot be searched yet."))
        return self.library

    @Slot(int, str, int, object)
    def search(self, request: int, query: str, k: int, filters: object) -> None:
        lib = self._need_library("search")
        if lib is None:
            return
        try:
            if lib.loaded.tokenizer is None and lib.loaded.config.text.type == "xlmr":
                raise Clamp2Error(self.tr("The model “{0}” has no text tokenizer, so it cannot search by text; "
                                          "drop a file to find similar pieces instead.").format(lib.model.name))
            results = lib.search_text(query, k, filters if isinstance(filters, Filters) else None)
        except Exception as exc:
            self.failed.emit("search", _message(exc))
            return
        self.searchDone.emit(request, query, results)

    @Slot(int, object, int, object)
    def similar(self, request: int, target: object, k: int, filters: object) -> None:
        """``target``: a piece id, a path, ``(path, tune_index)``, or a list of paths (pieces like all of them)."""
        lib = self._need_library("similar")
        if lib is None:
            return
        flt = filters if isinstance(filters, Filters) else None
        try:
            if isinstance(target, list):
                results, query = lib.similar_to_many(target, k, flt)
            else:
                tune = None
                if isinstance(target, tuple):
                    target, tune = target
                results, query = lib.similar(target, k, flt, tune=tune)
        except Exception as exc:
            self.failed.emit("similar", _message(exc))
            return
        self.similarDone.emit(request, query, results)

    # -- tags --------------------------------------------------------------------

    @Slot(list, str)
    def add_tag(self, piece_ids: list, name: str) -> None:
        lib = self._need_library("tag")
        if lib is None or not name.strip():
            return
        try:
            lib.catalog.tag_piece([int(i) for i in piece_ids], name.strip(), source="user")
        except Exception as exc:
            self.failed.emit("tag", _message(exc))
            return
        self.tagsChanged.emit(list(piece_ids))

    @Slot(list, str)
    def remove_tag(self, piece_ids: list, name: str) -> None:
        lib = self._need_library("tag")
        if lib is None:
            return
        try:
            lib.catalog.untag([int(i) for i in piece_ids], name, source="user")
        except Exception as exc:
            self.failed.emit("tag", _message(exc))
            return
        self.tagsChanged.emit(list(piece_ids))

    @Slot(object)
    def auto_tag(self, vocabularies: object) -> None:
        """Zero-shot tag the library (every vocabulary, or the names given); replaces old auto tags."""
        from clamp2_engine import tagging

        lib = self._need_library("autotag")
        if lib is None:
            return
        try:
            vocabs = tagging.available_vocabularies(self.settings)
            if vocabularies:
                vocabs = {k: v for k, v in vocabs.items() if k in vocabularies}
            reports = tagging.tag_library(lib.catalog, lib.embedder, lib.model.id, vocabs.values(),
                                          cache_dir=tagging.cache_dir_for(self.settings))
        except Exception as exc:
            self.failed.emit("autotag", _message(exc))
            return
        self.autoTagged.emit(reports)
        self.tagsChanged.emit([])

    @Slot(bool, list)
    def review_tags(self, accepted: bool, pairs: list) -> None:
        """Accept (they become user tags) or reject (removed, not proposed again) suggestions."""
        from clamp2_engine import tagging

        lib = self._need_library("tag")
        if lib is None:
            return
        try:
            with lib.catalog.transaction():
                for piece_id, tag_id in pairs:
                    (tagging.accept_auto_tag if accepted else tagging.reject_auto_tag)(
                        lib.catalog, [int(piece_id)], int(tag_id))
        except Exception as exc:
            self.failed.emit("tag", _message(exc))
            return
        self.tagsChanged.emit(sorted({int(p) for p, _ in pairs}))

    @Slot()
    def refresh_index(self) -> None:
        if self.library is None:
            return
        try:
            self.library.index.sync()
        except Exception as exc:
            self.failed.emit("index", _message(exc))
            return
        self.indexRefreshed.emit(len(self.library.index))


class ScanWorker(QThread):
    """One scan of some folders on its own thread; cancellable between batches."""

    progress = Signal(str, int, int)   # phase, done, total
    finishedScan = Signal(object)      # ScanReport
    failedScan = Signal(str)

    def __init__(self, settings: Settings, library: Library, roots: list[Path], parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.loaded = library.loaded
        self.device = str(library.embedder.torch_device)
        self.roots = roots
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:  # noqa: D401 - QThread entry point
        try:
            with Library.with_model(self.settings, self.loaded, device=self.device) as lib:
                report = lib.scan(self.roots, progress=lambda phase, done, total: self.progress.emit(phase, done, total),
                                  cancel=self.cancel_event)
        except Exception as exc:
            traceback.print_exc()
            self.failedScan.emit(_message(exc))
            return
        self.finishedScan.emit(report)
