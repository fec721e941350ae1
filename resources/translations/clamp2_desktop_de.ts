<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+103"/>
        <source>Composer:</source>
        <translation>Komponist:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details:</source>
        <translation>Details:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a tag and press Enter</source>
        <translation>Neuer Tag (Eingabetaste)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find similar</source>
        <translation>Ähnliche finden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a piece to see its details</source>
        <translation>Wählen Sie ein Stück aus, um die Details zu sehen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rhythm</source>
        <translation>Rhythmus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>metre</source>
        <translation>Takt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>Tonart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tracks</source>
        <translation>Spuren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tempo</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0}: {1}</source>
        <comment>a detail of a piece: its label, its value</comment>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>auto</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>suggested</source>
        <translation>vorgeschlagen</translation>
    </message>
</context>
<context>
    <name>EngineService</name>
    <message>
        <location filename="../../clamp2_desktop/engine_service.py" line="+80"/>
        <source>No model is loaded, so the library cannot be searched yet.</source>
        <translation>Es ist kein Modell geladen, daher kann die Bibliothek noch nicht durchsucht werden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The model “{0}” has no text tokenizer, so it cannot search by text; drop a file to find similar pieces instead.</source>
        <translation>Das Modell „{0}“ hat keinen Text-Tokenizer und kann daher nicht nach Text suchen; ziehen Sie stattdessen eine Datei ins Fenster, um ähnliche Stücke zu finden.</translation>
    </message>
</context>
<context>
    <name>ErrorsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+25"/>
        <source>Unreadable files</source>
        <translation>Nicht lesbare Dateien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n file(s) could not be read. They are skipped; the rest of the library is fine.</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden. Sie wird übersprungen; der Rest der Bibliothek ist in Ordnung.</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden. Sie werden übersprungen; der Rest der Bibliothek ist in Ordnung.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../clamp2_desktop/library_model.py" line="+88"/>
        <location line="+114"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Composer</source>
        <translation>Komponist</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+113"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Match</source>
        <translation>Relevanz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clamp2_desktop/main_window.py" line="+135"/>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search in any language — “melancholic waltz”, “canción de cuna”, “欢快的舞曲”…</source>
        <translation>In jeder Sprache suchen – „melancholischer Walzer“, „canción de cuna“, „欢快的舞曲“…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan</source>
        <translation>Neu einlesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable files</source>
        <translation>Nicht lesbare Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag my library</source>
        <translation>Bibliothek verschlagworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest genre, mood, ensemble, era, form and region tags for every piece</source>
        <translation>Schlagwörter zu Gattung, Stimmung, Besetzung, Epoche, Form und Region für jedes Stück vorschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review tags…</source>
        <translation>Schlagwörter prüfen…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Filter by title, composer or file name</source>
        <translation>Nach Titel, Komponist oder Dateiname filtern</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+298"/>
        <source>Type a description of the music you want, in any language.</source>
        <translation>Beschreiben Sie die gesuchte Musik – in jeder beliebigen Sprache.</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>Drop MIDI or ABC files onto the window, or choose “Find similar” on a piece.</source>
        <translation>Ziehen Sie MIDI- oder ABC-Dateien ins Fenster oder wählen Sie bei einem Stück „Ähnliche finden“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar pieces</source>
        <translation>Ähnliche Stücke</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loading model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel scan</source>
        <translation>Einlesen abbrechen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your library is empty</source>
        <translation>Ihre Bibliothek ist leer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a folder of MIDI and ABC files, or start with the demo library: Irish dances, airs and Bach chorales, all public domain.</source>
        <translation>Fügen Sie einen Ordner mit MIDI- und ABC-Dateien hinzu oder beginnen Sie mit der Demo-Bibliothek: irische Tänze und Airs sowie Choräle von Bach, alle gemeinfrei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo library</source>
        <translation>Demo-Bibliothek öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n piece(s)</source>
        <translation>
            <numerusform>%n Stück</numerusform>
            <numerusform>%n Stücke</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>All pieces (%n)</source>
        <translation>
            <numerusform>Alle Stücke (%n)</numerusform>
            <numerusform>Alle Stücke (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Unreadable files (%n)</source>
        <translation>
            <numerusform>Nicht lesbare Dateien (%n)</numerusform>
            <numerusform>Nicht lesbare Dateien (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Model: {0} · {1}</source>
        <translation>Modell: {0} · {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}-dimensional embeddings; library {1}</source>
        <translation>{0}-dimensionale Embeddings; Bibliothek {1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model could not be loaded:
{0}

You can still browse the library; choose a model in Settings.</source>
        <translation>Das Modell konnte nicht geladen werden:
{0}

Sie können die Bibliothek trotzdem durchblättern; wählen Sie in den Einstellungen ein Modell.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n result(s) for “{0}” · model {1}</source>
        <translation>
            <numerusform>%n Ergebnis für „{0}“ · Modell {1}</numerusform>
            <numerusform>%n Ergebnisse für „{0}“ · Modell {1}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No results for “{0}”. The library may be empty.</source>
        <translation>Keine Ergebnisse für „{0}“. Möglicherweise ist die Bibliothek leer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the library</source>
        <translation>aus der Bibliothek</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not in the library, analysed just now</source>
        <translation>nicht in der Bibliothek, soeben analysiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pieces similar to {0} ({1}) · model {2}</source>
        <translation>Ähnliche Stücke wie {0} ({1}) · Modell {2}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Suggested tags for {0} of {1} pieces; review them with “Review tags…”.</source>
        <translation>Schlagwörter für {0} von {1} Stücken vorgeschlagen; prüfen Sie sie mit „Schlagwörter prüfen…“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tagging the library…</source>
        <translation>Bibliothek wird verschlagwortet…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Searching for “{0}”…</source>
        <translation>Suche nach „{0}“…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking for similar pieces…</source>
        <translation>Ähnliche Stücke werden gesucht…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a music folder</source>
        <translation>Musikordner hinzufügen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo library is not installed.</source>
        <translation>Die Demo-Bibliothek ist nicht installiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scanning needs a model; it is still loading or could not be loaded (see Settings).</source>
        <translation>Zum Einlesen wird ein Modell benötigt; es wird noch geladen oder konnte nicht geladen werden (siehe Einstellungen).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scanning {0}…</source>
        <translation>{0} wird eingelesen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling the scan after the current batch…</source>
        <translation>Das Einlesen wird nach dem aktuellen Durchgang abgebrochen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%v / %m files</source>
        <translation>%v / %m Dateien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%v / %m pieces</source>
        <translation>%v / %m Stücke</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scan cancelled: {0} files read, {1} pieces added so far.</source>
        <translation>Einlesen abgebrochen. Bisher gelesene Dateien: {0}, hinzugefügte Stücke: {1}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan finished: {0} new, {1} changed, {2} moved, {3} removed, {4} unreadable.</source>
        <translation>Einlesen abgeschlossen: {0} neu, {1} geändert, {2} verschoben, {3} entfernt, {4} nicht lesbar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scan stopped:
{0}</source>
        <translation>Das Einlesen wurde unterbrochen:
{0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The new model, device or language takes effect the next time CLaMP 2 Desktop starts.</source>
        <translation>Änderungen an Modell, Gerät oder Sprache werden beim nächsten Start von CLaMP 2 Desktop wirksam.</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../clamp2_desktop/player_bar.py" line="+79"/>
        <source>Play / pause (Space)</source>
        <translation>Abspielen / Pause (Leertaste)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch between the dropped piece (A) and the result (B) at the same moment</source>
        <translation>Zwischen dem abgelegten Stück (A) und dem Ergebnis (B) an derselben Stelle umschalten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to play — double-click a result, or press Play on a piece</source>
        <translation>Nichts zum Abspielen – Ergebnis doppelklicken oder „Abspielen“</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>built-in synthesizer</source>
        <translation>integrierter Synthesizer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing on: {0}</source>
        <translation>Wiedergabe über: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/app_settings.py" line="+54"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundled default model</source>
        <translation>Mitgeliefertes Standardmodell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Automatic (GPU if available)</source>
        <translation>Automatisch (GPU, falls verfügbar)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Built-in synthesizer</source>
        <translation>Eingebauter Synthesizer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library folders:</source>
        <translation>Bibliotheksordner:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIDI output:</source>
        <translation>MIDI-Ausgang:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a music folder</source>
        <translation>Musikordner hinzufügen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a model</source>
        <translation>Modell auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 models (*.pth config.json)</source>
        <translation>CLaMP-2-Modelle (*.pth config.json)</translation>
    </message>
</context>
<context>
    <name>TagReviewDialog</name>
    <message>
        <location filename="../../clamp2_desktop/tag_review.py" line="+41"/>
        <source>Review tag suggestions</source>
        <translation>Schlagwort-Vorschläge prüfen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Piece</source>
        <translation>Stück</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vocabulary</source>
        <translation>Vokabular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All vocabularies</source>
        <translation>Alle Vokabulare</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n Vorschlag zu prüfen</numerusform>
            <numerusform>%n Vorschläge zu prüfen</numerusform>
        </translation>
    </message>
</context>
</TS>
