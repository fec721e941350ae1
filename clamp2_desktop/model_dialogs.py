""""Get the official CLaMP 2 model": import files the user has, or download them on request.

The engine does the work (:mod:`clamp2_engine.model_import`, the same code as
``clamp2 models import|download``): the checkpoint is loaded without running
anything in it, copied into the user's models folder, read back with its
checksum and registered.  Here it runs on a worker thread (:class:`ModelJob`)
so the window never freezes, and every failure is the engine's one line.
The app never downloads anything by itself: only the "Download" button does.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clamp2_engine.errors import Clamp2Error
from clamp2_engine.model_import import (
    OFFICIAL_NAME,
    DownloadCancelled,
    ImportResult,
    check_model_name,
    download_official,
    import_model,
)
from clamp2_engine.settings import Settings

# Jobs still running after their dialog closed are kept alive here until they end
# (a QThread destroyed while it runs takes the process down with it).
_RUNNING: set["ModelJob"] = set()


def _one_line(exc: BaseException) -> str:
    text = str(exc) if isinstance(exc, Clamp2Error) else f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())


class ModelJob(QThread):
    """Import a local checkpoint/folder, or download the official files and import them."""

    progress = Signal(str, int, int)   # file, bytes done, bytes total (0: unknown)
    imported = Signal(object)          # ImportResult
    failed = Signal(str)               # one line
    importing = Signal()               # the files are here; the import (not cancellable) begins

    def __init__(self, settings: Settings, *, source: Path | None = None, tokenizer_dir: Path | None = None,
                 name: str = OFFICIAL_NAME, download: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.source = source
        self.tokenizer_dir = tokenizer_dir
        self.name = name
        self.download = download
        self.cancel_event = threading.Event()
        self.cancelled = False
        self.importing_started = False

    def cancel(self) -> None:
        self.cancel_event.set()

    def _report(self, what: str, done: int, total: int) -> None:
        if self.cancel_event.is_set():
            raise DownloadCancelled("cancelled by the user")
        self.progress.emit(what, done, total)

    def run(self) -> None:  # noqa: D401 - QThread entry point
        try:
            source, tokenizer = self.source, self.tokenizer_dir
            if self.download:
                source, tokenizer = download_official(progress=self._report)
            if self.cancel_event.is_set():
                self.cancelled = True
                self.failed.emit(QApplication.translate("OfficialModelDialog", "Cancelled; nothing was imported."))
                return
            self.importing_started = True
            self.importing.emit()
            result = import_model(source, self.settings, name=self.name, tokenizer_dir=tokenizer)
        except Exception as exc:  # every engine failure is one CheckpointError/ModelNameError line
            self.cancelled = self.cancel_event.is_set()
            self.failed.emit(_one_line(exc))
            return
        self.imported.emit(result)


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 10e6 else f"{n / 1e6:,.1f} MB"


class OfficialModelDialog(QDialog):
    """Explains the official model and gets it from local files or, on request, from the hub."""

    # (model name, re-embed the library?) when the user says "Use it now".
    useModel = Signal(str, bool)
    # emitted once a job has ended (imported or failed); tests wait on it
    jobEnded = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.job: ModelJob | None = None
        self.result: ImportResult | None = None
        self.last_error = ""
        self._close_when_done = False
        self.setWindowTitle(self.tr("Get the official CLaMP 2 model"))
        self.setMinimumWidth(620)

        intro = QLabel(self.tr(
            "<b>The official CLaMP 2 model</b> is the model published by its authors. It is "
            "larger and more accurate than the small model that comes with the app, and it understands "
            "descriptions in 101 languages.<br><br>It is about 1.5 GB (the checkpoint plus the XLM-R "
            "tokenizer files) and needs more memory and time to embed your library. The app never downloads "
            "it by itself: import the files if you already have them, or click Download."))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.RichText)

        # -- name
        self.name_edit = QLineEdit(OFFICIAL_NAME)
        self.name_edit.textChanged.connect(self._update_buttons)
        name_row = QFormLayout()
        name_row.addRow(self.tr("Name in your library:"), self.name_edit)

        # -- (a) import local files
        self.checkpoint_edit = QLineEdit()
        self.checkpoint_edit.setPlaceholderText(self.tr("The official .pth file, or a model folder"))
        self.checkpoint_edit.textChanged.connect(self._update_buttons)
        pick_file = QPushButton(self.tr("File…"))
        pick_file.clicked.connect(self._choose_checkpoint)
        pick_folder = QPushButton(self.tr("Folder…"))
        pick_folder.clicked.connect(self._choose_model_folder)
        ck_row = QHBoxLayout()
        ck_row.addWidget(self.checkpoint_edit, 1)
        ck_row.addWidget(pick_file)
        ck_row.addWidget(pick_folder)
        self.tokenizer_edit = QLineEdit()
        self.tokenizer_edit.setPlaceholderText(self.tr("Beside the checkpoint (default)"))
        pick_tok = QPushButton(self.tr("Folder…"))
        pick_tok.clicked.connect(self._choose_tokenizer)
        tok_row = QHBoxLayout()
        tok_row.addWidget(self.tokenizer_edit, 1)
        tok_row.addWidget(pick_tok)
        self.import_button = QPushButton(self.tr("Import from files"))
        self.import_button.clicked.connect(self.start_import)
        files_form = QFormLayout()
        files_form.addRow(self.tr("Checkpoint:"), ck_row)
        files_form.addRow(self.tr("XLM-R tokenizer:"), tok_row)
        files_buttons = QHBoxLayout()
        files_buttons.addStretch(1)
        files_buttons.addWidget(self.import_button)
        files_box = QGroupBox(self.tr("Import files you already have"))
        fb = QVBoxLayout(files_box)
        fb.addLayout(files_form)
        fb.addLayout(files_buttons)

        # -- (b) download on request
        where = QLabel(self.tr("The checkpoint of sander-wood/clamp2 and the tokenizer of FacebookAI/xlm-roberta-base, "
                               "about 1.5 GB in all. An interrupted download resumes where it stopped."))
        where.setWordWrap(True)
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.clicked.connect(self.start_download)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_job)
        self.cancel_button.setVisible(False)
        self.file_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        dl_row = QHBoxLayout()
        dl_row.addWidget(self.file_label, 1)
        dl_row.addWidget(self.download_button)
        dl_row.addWidget(self.cancel_button)
        download_box = QGroupBox(self.tr("Download it from Hugging Face"))
        db = QVBoxLayout(download_box)
        db.addWidget(where)
        db.addWidget(self.progress)
        db.addLayout(dl_row)

        # -- status line and the result
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(self.status.textInteractionFlags() | Qt.TextSelectableByMouse)
        self.result_box = QFrame()
        self.result_box.setFrameShape(QFrame.StyledPanel)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.use_button = QPushButton(self.tr("Use it now and re-embed my library"))
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(self._use_now)
        later = QPushButton(self.tr("Not now"))
        later.clicked.connect(self.accept)
        use_row = QHBoxLayout()
        use_row.addStretch(1)
        use_row.addWidget(later)
        use_row.addWidget(self.use_button)
        rb = QVBoxLayout(self.result_box)
        rb.addWidget(self.result_label)
        rb.addLayout(use_row)
        self.result_box.setVisible(False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(name_row)
        layout.addWidget(files_box)
        layout.addWidget(download_box)
        layout.addWidget(self.status)
        layout.addWidget(self.result_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self.resize(680, self.sizeHint().height())

    # ------------------------------------------------------------------ choosing files

    def _choose_checkpoint(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the official CLaMP 2 checkpoint"), "",
                                              self.tr("CLaMP 2 checkpoints (*.pth);;All files (*)"))
        if path:
            self.checkpoint_edit.setText(path)

    def _choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder"))
        if folder:
            self.checkpoint_edit.setText(folder)

    def _choose_tokenizer(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder with the XLM-R tokenizer files"))
        if folder:
            self.tokenizer_edit.setText(folder)

    def _update_buttons(self) -> None:
        busy = self.job is not None
        name_ok = check_model_name(self.name_edit.text().strip()) is None
        self.import_button.setEnabled(not busy and name_ok and bool(self.checkpoint_edit.text().strip()))
        self.download_button.setEnabled(not busy and name_ok)
        self.download_button.setVisible(not busy or not self.job.download)
        self.cancel_button.setVisible(busy and self.job.download and not self.job.importing_started)
        self.name_edit.setEnabled(not busy)
        if not name_ok and self.name_edit.text().strip():
            self._say(check_model_name(self.name_edit.text().strip()) or "", error=True)

    # ------------------------------------------------------------------ jobs

    def start_import(self) -> bool:
        source = self.checkpoint_edit.text().strip()
        if not source or self.job is not None:
            return False
        tok = self.tokenizer_edit.text().strip()
        self._say(self.tr("Checking and importing {0}… (nothing in the file can run)").format(
            Path(source).name))
        return self._start(ModelJob(self.settings, source=Path(source).expanduser(),
                                    tokenizer_dir=Path(tok).expanduser() if tok else None,
                                    name=self.name_edit.text().strip()))

    def start_download(self) -> bool:
        if self.job is not None:
            return False
        self._say(self.tr("Connecting to Hugging Face…"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        return self._start(ModelJob(self.settings, name=self.name_edit.text().strip(), download=True))

    def _start(self, job: ModelJob) -> bool:
        self.result = None
        self.last_error = ""
        self.result_box.setVisible(False)
        # Parented to the application, not to this dialog: closing the dialog never destroys a running thread.
        job.setParent(None)
        _RUNNING.add(job)
        job.progress.connect(self._on_progress)
        job.importing.connect(self._on_importing)
        job.imported.connect(self._on_imported)
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda j=job: _forget(j))
        job.finished.connect(self._job_finished)
        self.job = job
        self._update_buttons()
        job.start()
        return True

    def cancel_job(self) -> None:
        """Stop a download now, as far as the user can tell.

        The hub client only notices at its next chunk (or, with no network, after
        its retries), so the job is let go: it ends on its own, imports nothing
        (it checks the cancel flag before importing), and the dialog is usable at once.
        """
        job = self.job
        if job is None or not job.download or job.importing_started:
            return  # an import that has begun finishes (it writes atomically); Cancel is hidden then
        job.cancel()
        for signal in (job.progress, job.imported, job.failed):
            signal.disconnect()
        self.job = None
        self.progress.setVisible(False)
        self.file_label.clear()
        self.last_error = self.tr("Download cancelled; nothing was imported. What was received is kept, "
                                  "so downloading again resumes.")
        self._say(self.last_error)
        self._update_buttons()
        self.jobEnded.emit()
        if self._close_when_done:
            super().reject()

    def _on_importing(self) -> None:
        if self.sender() is not self.job:
            return
        self.progress.setRange(0, 0)
        self.file_label.clear()
        if self.job.download:
            self._say(self.tr("Downloaded; checking and importing the model…"))
        self._update_buttons()

    def _on_progress(self, what: str, done: int, total: int) -> None:
        if self.sender() is not self.job:
            return  # a cancelled download still reporting
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * done / total))
            self.file_label.setText(self.tr("{0}: {1} of {2}").format(what, _mb(done), _mb(total)))
        else:
            self.progress.setRange(0, 0)
            self.file_label.setText(self.tr("{0}: {1}").format(what, _mb(done)))
        if what == "checkpoint" and done == 0:
            self._say(self.tr("Downloading the checkpoint…"))
        elif what != "checkpoint":
            self._say(self.tr("Downloading the tokenizer…"))

    def _on_imported(self, result: ImportResult) -> None:
        if self.sender() is not self.job:
            return
        self.result = result
        self._say(self.tr("Imported.") if result.status == "imported"
                  else self.tr("This model was already imported."))
        text = (self.tr("Text search works with this model.") if result.can_embed_text
                else self.tr("This model has no text tokenizer: it can find similar pieces but cannot search by "
                             "text. Import it again with the XLM-R tokenizer folder."))
        if result.library_pieces:
            question = self.tr("Use it now and re-embed your library? Your {0} pieces are embedded again in the "
                               "background; until then, search finds only the pieces done so far.").format(
                                   result.library_pieces)
        else:
            question = self.tr("Use it now? The pieces you add to your library are embedded with it.")
        self.result_label.setText(
            self.tr("<b>{0}</b> · {1}-dimensional embeddings · music tower: {2} layers, hidden {3} · text tower: "
                    "{4}, {5} layers").format(result.name, result.dim, result.music_layers, result.music_hidden,
                                              result.text_type, result.text_layers)
            + "<br>" + text + "<br><br>" + question)
        self.use_button.setText(self.tr("Use it now and re-embed my library") if result.library_pieces
                                else self.tr("Use it now"))
        self.result_box.setVisible(True)
        self._fit()
        self.use_button.setFocus()

    def _on_failed(self, message: str) -> None:
        if self.sender() is not self.job:
            return
        self.last_error = message
        self._say(message, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)
        self._fit()

    def _fit(self) -> None:
        """Grow (never shrink) to show a new error or the result whole, at the current width."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        height = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if height > self.height():
            self.resize(self.width(), height)

    def _job_finished(self) -> None:
        if self.sender() is self.job:
            self.job = None
            self.progress.setVisible(False)
            self.file_label.clear()
            self._update_buttons()
            self.jobEnded.emit()
            if self._close_when_done:
                super().reject()

    def _use_now(self) -> None:
        if self.result is not None:
            self.useModel.emit(self.result.name, True)
        self.accept()

    def reject(self) -> None:
        """Closing while a job runs: a download is cancelled, an import finishes; then the dialog closes."""
        if self.job is not None:
            self._close_when_done = True
            if self.job.download:
                self.cancel_job()  # closes the dialog
            else:
                self._say(self.tr("Finishing the import; the dialog closes when it is done."))
            return
        super().reject()


def _forget(job: ModelJob) -> None:
    job.wait()  # run() has returned; this only lets the thread finish before the object may go
    _RUNNING.discard(job)
    job.deleteLater()


def wait_for_jobs(timeout_ms: int = 120_000) -> None:
    """At exit: cancel the downloads still running and let every job end.

    A download still retrying is given ``timeout_ms``; an import that has begun is
    waited for to its end (leaving it would abort the process mid-write).
    """
    for job in list(_RUNNING):
        job.cancel()
    for job in list(_RUNNING):
        if not job.wait(timeout_ms) and job.importing_started:
            job.wait()
