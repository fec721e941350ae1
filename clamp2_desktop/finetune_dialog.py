"""The "Fine-tune on my library" dialog: what the model will learn from, progress, cancel, before/after.

Training runs on a :class:`FinetuneJob` thread with its own catalog connection
and its own copy of the parent model, so searching goes on meanwhile with the
model in use.  Cancel stops within one small batch; the library and the
models are untouched and a new start resumes from the last finished epoch.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from clamp2_engine.catalog import Catalog
from clamp2_engine.settings import Settings
from clamp2_engine.training.finetune import (
    FinetuneOptions,
    FinetuneProgress,
    FinetuneResult,
    Finetuner,
    select_pairs,
)


class FinetuneJob(QThread):
    """One fine-tuning run, off the GUI thread."""

    progress = Signal(object)   # FinetuneProgress
    finishedRun = Signal(object)  # FinetuneResult
    failed = Signal(str)

    def __init__(self, settings: Settings, parent_model: str | None, name: str, options: FinetuneOptions,
                 parent=None):
        super().__init__(parent)
        self.settings, self.parent_model, self.name, self.options = settings, parent_model, name, options
        self.stop = threading.Event()

    def cancel(self) -> None:
        self.stop.set()

    def run(self) -> None:  # noqa: D401 - QThread entry point
        try:
            with Catalog.open(self.settings.db_path) as catalog:
                tuner = Finetuner(self.settings, catalog, self.parent_model, self.name, self.options,
                                  device=self.settings.device, progress=self.progress.emit,
                                  should_stop=self.stop.is_set)
                result = tuner.run()
        except Exception as exc:  # shown in the dialog as one line
            self.failed.emit(str(exc) if str(exc) else type(exc).__name__)
            return
        self.finishedRun.emit(result)


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "…"
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.0f} min"


class FinetuneDialog(QDialog):
    """Shows the data summary, runs the job, offers the result; ``useModel(name, reembed)`` on accept."""

    useModel = Signal(str, bool)
    runEnded = Signal(str)  # the FinetuneResult status, or "failed"

    def __init__(self, settings: Settings, parent_model: str | None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.parent_model = parent_model
        self.job: FinetuneJob | None = None
        self.result: FinetuneResult | None = None
        self.setWindowTitle(self.tr("Fine-tune on my library"))
        self.resize(560, 420)

        intro = QLabel(self.tr("Teach the model your own words: it learns from the tags you gave or accepted, "
                               "titles, comments in ABC files and folder names. Your current model stays as it "
                               "is; the result is a new model you can switch to, and back."))
        intro.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.RichText)

        self.name_edit = QLineEdit(self._default_name(parent_model))
        d = FinetuneOptions()
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 100)
        self.epochs.setValue(d.epochs)
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setDecimals(0)
        self.minutes.setSpecialValueText(self.tr("no limit"))
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        form = QFormLayout()
        form.addRow(self.tr("New model name:"), self.name_edit)
        form.addRow(self.tr("At most:"), self.epochs)
        self.epochs.setSuffix(self.tr(" epochs"))
        form.addRow(self.tr("Time limit:"), self.minutes)

        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("finetuneStatus")

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel training"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button = QPushButton(self.tr("Use the new model"))
        self.use_button.setVisible(False)
        self.use_button.clicked.connect(self._use)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary_label)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.refresh_summary()

    def _default_name(self, parent_model: str | None) -> str:
        """``PARENT-ft``, or the unfinished run of this parent (Start then resumes it)."""
        from clamp2_engine.settings import DEFAULT_MODEL_NAME
        from clamp2_engine.training.finetune import default_run_name

        parent = parent_model if parent_model and "/" not in parent_model else DEFAULT_MODEL_NAME
        with Catalog.open(self.settings.db_path) as catalog:
            record = catalog.model_by_name(parent)
            try:
                return default_run_name(self.settings, catalog, parent, record.weights_sha256 if record else None)
            except Exception:  # every name taken: the user types one
                return ""

    # ---------------------------------------------------------------- data summary

    def refresh_summary(self) -> None:
        from clamp2_engine.tagging import available_vocabularies

        with Catalog.open(self.settings.db_path) as catalog:
            s = select_pairs(catalog, available_vocabularies(self.settings), FinetuneOptions())[3]
        tags = ", ".join(f"{name} ({n})" for name, n in list(s.user_tags.items())[:8]) or self.tr("none yet")
        sources = {"tag": self.tr("tags"), "title": self.tr("titles"), "composer": self.tr("composers"),
                   "field": self.tr("ABC comments and fields"), "file": self.tr("file names"),
                   "folder": self.tr("folder names")}
        by_source = ", ".join(f"{n} {sources.get(k, k)}" for k, n in sorted(s.texts_by_source.items(),
                                                                            key=lambda kv: -kv[1]))
        self.summary = s
        self.enough = s.train >= FinetuneOptions().min_pieces and s.holdout >= 2
        self.summary_label.setText(self.tr(
            "<b>{0}</b> of {1} pieces have something to learn from ({2}).<br>"
            "{3} pieces to learn from, {4} held back to measure the result.<br>Your tags: {5}").format(
            s.pieces_with_text, s.pieces_in_library, by_source or self.tr("nothing yet"), s.train, s.holdout, tags))
        if not self.enough:
            self.status.setText(self.tr("Tag a few more pieces first (at least {0} pieces need a tag, title or "
                                        "comment).").format(FinetuneOptions().min_pieces + 2))
        self.start_button.setEnabled(self.enough)

    # ---------------------------------------------------------------- the run

    def start(self) -> None:
        if self.job is not None:
            return
        options = FinetuneOptions(epochs=self.epochs.value(), max_minutes=self.minutes.value() or None)
        self.job = FinetuneJob(self.settings, self.parent_model, self.name_edit.text().strip(), options, self)
        self.job.progress.connect(self._on_progress)
        self.job.finishedRun.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self.job.finished.connect(self._job_ended)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        for w in (self.name_edit, self.epochs, self.minutes):
            w.setEnabled(False)
        self.use_button.setVisible(False)
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)
        self.status.setText(self.tr("Preparing…"))
        self.job.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping after the current batch…"))

    def _on_progress(self, p: FinetuneProgress) -> None:
        if p.phase == "train" and p.steps:
            self.bar.setRange(0, p.steps)
            self.bar.setValue(p.step)
            self.bar.setFormat(self.tr("epoch %1 of %2 — %p%").replace("%1", str(p.epoch)).replace("%2",
                                                                                                  str(p.epochs)))
            loss = "" if p.loss is None else self.tr(", loss {0:.3f}").format(p.loss)
            self.status.setText(self.tr("Training{0}; about {1} left").format(loss, _minutes(p.eta_s)))
        elif p.phase == "prepare" and p.steps:
            self.bar.setRange(0, p.steps)
            self.bar.setValue(p.step)
            self.bar.setFormat(self.tr("reading pieces — %p%"))
        elif p.phase == "evaluate":
            self.status.setText(self.tr("Measuring on the held-back pieces…"))
        elif p.phase == "save":
            self.status.setText(self.tr("Writing the new model…"))
        else:
            self.bar.setRange(0, 0)

    def _on_finished(self, result: FinetuneResult) -> None:
        self.result = result
        before = result.mrr_before
        if result.status == "cancelled":
            text = self.tr("Cancelled. Your library and models are unchanged; Start resumes from the last "
                           "finished epoch.")
        elif result.status == "no_improvement":
            text = self.tr("No epoch found your held-back pieces better than the current model "
                           "(score {0:.3f}), so no new model was made.").format(before)
        else:
            after = result.mrr_after or 0.0
            gain = (after / before - 1) * 100 if before > 0 else 0.0
            text = self.tr("Done in {0}. Finding held-back pieces from their descriptions (MRR): "
                           "{1:.3f} → <b>{2:.3f}</b> ({3:+.0f}%). Peak memory {4:.0f} MB.").format(
                _minutes(result.seconds), before, after, gain, result.peak_rss_mb)
            self.use_button.setVisible(True)
        self.status.setText(text)
        self.runEnded.emit(result.status)

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Fine-tuning stopped: {0}").format(message))
        self.runEnded.emit("failed")

    def _job_ended(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.bar.setVisible(False)
        self.cancel_button.setEnabled(False)
        finished = self.result is not None and self.result.status == "finished"
        self.start_button.setEnabled(self.enough and not finished)
        for w in (self.name_edit, self.epochs, self.minutes):
            w.setEnabled(not finished)

    def _use(self) -> None:
        if self.result is not None and self.result.path is not None:
            self.useModel.emit(self.result.name, True)
            self.accept()

    # ---------------------------------------------------------------- closing

    def done(self, code: int) -> None:  # noqa: D401 - also covers reject()/Esc
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        super().done(code)
