"""The app's persisted preferences (QSettings) and the settings dialog."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clamp2_desktop.i18n import LANGUAGES

DEVICES = ("auto", "cpu", "cuda", "mps")
BUILTIN_SYNTH = "builtin"


@dataclass
class Preferences:
    model: str = ""          # empty: the bundled default
    device: str = "auto"
    midi_output: str = BUILTIN_SYNTH
    language: str = ""       # empty: the system's

    @classmethod
    def load(cls, qs: QSettings) -> "Preferences":
        return cls(
            model=str(qs.value("model", "") or ""),
            device=str(qs.value("device", "auto") or "auto"),
            midi_output=str(qs.value("midi_output", BUILTIN_SYNTH) or BUILTIN_SYNTH),
            language=str(qs.value("language", "") or ""),
        )

    def save(self, qs: QSettings) -> None:
        for key, value in self.__dict__.items():
            qs.setValue(key, value)
        qs.sync()


class SettingsDialog(QDialog):
    """Library folders, model, device, MIDI output and UI language."""

    def __init__(self, prefs: Preferences, folders: list[str], midi_ports: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.resize(560, 420)
        self.removed_folders: list[str] = []
        self.added_folders: list[str] = []
        self.official_requested = False  # "Get the official model…" was clicked: the window opens that dialog

        self.folders = QListWidget()
        self.folders.addItems(folders)
        add = QPushButton(self.tr("Add folder…"))
        add.clicked.connect(self._add_folder)
        remove = QPushButton(self.tr("Remove folder"))
        remove.clicked.connect(self._remove_folder)
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(add)
        folder_buttons.addWidget(remove)
        folder_buttons.addStretch(1)
        folder_box = QWidget()
        fl = QVBoxLayout(folder_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.folders)
        fl.addLayout(folder_buttons)

        self.model = QLineEdit(prefs.model)
        self.model.setPlaceholderText(self.tr("Bundled default model"))
        self.model.setToolTip(self.tr("A model name, a model folder or an official .pth file. A new model is "
                                      "loaded when you click OK, and your library is embedded for it in the "
                                      "background."))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_model)
        official = QPushButton(self.tr("Get the official model…"))
        official.setToolTip(self.tr("Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)"))
        official.clicked.connect(self._ask_official)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(browse)
        model_row.addWidget(official)

        self.device = QComboBox()
        labels = {"auto": self.tr("Automatic (GPU if available)"), "cpu": "CPU", "cuda": "CUDA (NVIDIA GPU)",
                  "mps": "Apple Metal (MPS)"}
        for d in DEVICES:
            self.device.addItem(labels[d], d)
        self.device.setCurrentIndex(max(0, self.device.findData(prefs.device)))

        self.midi = QComboBox()
        self.midi.addItem(self.tr("Built-in synthesizer"), BUILTIN_SYNTH)
        for port in midi_ports:
            self.midi.addItem(port, port)
        self.midi.setCurrentIndex(max(0, self.midi.findData(prefs.midi_output)))

        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))

        form = QFormLayout()
        form.addRow(self.tr("Library folders:"), folder_box)
        form.addRow(self.tr("Model:"), model_row)
        form.addRow(self.tr("Device:"), self.device)
        form.addRow(self.tr("MIDI output:"), self.midi)
        form.addRow(self.tr("Language:"), self.language)
        box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a music folder"))
        if folder:
            self.folders.addItem(folder)
            self.added_folders.append(folder)

    def _remove_folder(self) -> None:
        item = self.folders.currentItem()
        if item is not None:
            self.removed_folders.append(item.text())
            self.folders.takeItem(self.folders.row(item))

    def _ask_official(self) -> None:
        self.official_requested = True
        self.accept()

    def _browse_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a model"), "",
                                              self.tr("CLaMP 2 models (*.pth config.json)"))
        if path:
            self.model.setText(path[: -len("/config.json")] if path.endswith("config.json") else path)

    def preferences(self) -> Preferences:
        return Preferences(model=self.model.text().strip(), device=self.device.currentData(),
                           midi_output=self.midi.currentData(), language=self.language.currentData())
