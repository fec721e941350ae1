<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+106"/>
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
        <location filename="../../clamp2_desktop/engine_service.py" line="+103"/>
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
    <name>FinetuneDialog</name>
    <message>
        <location filename="../../clamp2_desktop/finetune_dialog.py" line="+82"/>
        <source>Fine-tune on my library</source>
        <translation>Modell an die eigene Bibliothek anpassen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Teach the model your own words: it learns from the tags you gave or accepted, titles, comments in ABC files and folder names. Your current model stays as it is; the result is a new model you can switch to, and back.</source>
        <translation>Bringen Sie dem Modell Ihre eigenen Begriffe bei: Es lernt aus den Schlagwörtern, die Sie vergeben oder übernommen haben, aus Titeln, Kommentaren in ABC-Dateien und Ordnernamen. Ihr aktuelles Modell bleibt unverändert; das Ergebnis ist ein neues Modell, zu dem Sie wechseln können – und wieder zurück.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New model name:</source>
        <translation>Name des neuen Modells:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most:</source>
        <translation>Höchstens:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> epochs</source>
        <translation> Durchläufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel training</source>
        <translation>Training abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the new model</source>
        <translation>Neues Modell verwenden</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>titles</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>composers</source>
        <translation>Komponisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABC comments and fields</source>
        <translation>ABC-Kommentare und -Felder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file names</source>
        <translation>Dateinamen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder names</source>
        <translation>Ordnernamen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of {1} pieces have something to learn from ({2}).&lt;br&gt;{3} pieces to learn from, {4} held back to measure the result.&lt;br&gt;Your tags: {5}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; von {1} Stücken bieten etwas zum Lernen ({2}).&lt;br&gt;{3} Stücke zum Lernen, {4} beiseitegelegt, um das Ergebnis zu messen.&lt;br&gt;Ihre Schlagwörter: {5}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing yet</source>
        <translation>noch nichts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag a few more pieces first (at least {0} pieces need a tag, title or comment).</source>
        <translation>Vergeben Sie zuerst noch ein paar Schlagwörter (mindestens {0} Stücke brauchen ein Schlagwort, einen Titel oder einen Kommentar).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopping after the current batch…</source>
        <translation>Wird nach dem aktuellen Schritt angehalten…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>epoch %1 of %2 — %p%</source>
        <translation>Durchlauf %1 von %2 – %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, loss {0:.3f}</source>
        <translation>, Verlust {0:.3f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training{0}; about {1} left</source>
        <translation>Training läuft{0}; noch etwa {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reading pieces — %p%</source>
        <translation>Stücke werden gelesen – %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measuring on the held-back pieces…</source>
        <translation>Messung an den beiseitegelegten Stücken…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the new model…</source>
        <translation>Neues Modell wird gespeichert…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled. Your library and models are unchanged; Start resumes from the last finished epoch.</source>
        <translation>Abgebrochen. Ihre Bibliothek und Ihre Modelle sind unverändert; „Starten“ setzt beim zuletzt abgeschlossenen Durchlauf fort.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No epoch found your held-back pieces better than the current model (score {0:.3f}), so no new model was made.</source>
        <translation>Kein Durchlauf hat die beiseitegelegten Stücke besser gefunden als das aktuelle Modell (Wert {0:.3f}); daher wurde kein neues Modell erstellt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done in {0}. Finding held-back pieces from their descriptions (MRR): {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f}%). Peak memory {4:.0f} MB.</source>
        <translation>Fertig in {0}. Beiseitegelegte Stücke anhand ihrer Beschreibung finden (MRR): {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f} %). Höchster Speicherbedarf: {4:.0f} MB.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fine-tuning stopped: {0}</source>
        <translation>Das Training wurde unterbrochen: {0}</translation>
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
        <location filename="../../clamp2_desktop/main_window.py" line="+143"/>
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
        <location line="+2"/>
        <source>Get the official CLaMP 2 model…</source>
        <translation>Offizielles CLaMP-2-Modell holen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>Das offizielle CLaMP-2-Modell importieren oder herunterladen (101 Sprachen, etwa 1,5 GB)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the bundled default model</source>
        <translation>Mitgeliefertes Standardmodell verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fine-tune on my library…</source>
        <translation>Modell an die eigene Bibliothek anpassen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your own tags, titles and folder names</source>
        <translation>Dem Modell Ihre eigenen Schlagwörter, Titel und Ordnernamen beibringen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Filter by title, composer or file name</source>
        <translation>Nach Titel, Komponist oder Dateiname filtern</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+325"/>
        <source>Type a description of the music you want, in any language.</source>
        <translation>Beschreiben Sie die gesuchte Musik – in jeder beliebigen Sprache.</translation>
    </message>
    <message>
        <location line="-315"/>
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
        <location line="+25"/>
        <source>Model: {0} · {1}</source>
        <translation>Modell: {0} · {1}</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>{0}-dimensional embeddings; library {1}</source>
        <translation>{0}-dimensionale Embeddings; Bibliothek {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Now using the model {0}.</source>
        <translation>Jetzt wird das Modell {0} verwendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now using the model {0}; embedding your library for it in the background…</source>
        <translation>Jetzt wird das Modell {0} verwendet; deine Bibliothek wird im Hintergrund dafür eingebettet…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The app goes on with the model {0}.</source>
        <translation>Die App arbeitet weiter mit dem Modell {0}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No model is loaded; choose one in Settings.</source>
        <translation>Kein Modell geladen; wähle eins in den Einstellungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model could not be loaded:
{0}

{1}</source>
        <translation>Das Modell konnte nicht geladen werden:
{0}

{1}</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+18"/>
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
        <location line="+27"/>
        <source>The new device or language takes effect the next time CLaMP 2 Desktop starts.</source>
        <translation>Das neue Gerät oder die neue Sprache gilt ab dem nächsten Start von CLaMP 2 Desktop.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>A model is already being loaded; try again when it is done.</source>
        <translation>Es wird bereits ein Modell geladen; versuche es erneut, wenn es fertig ist.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopping the scan first; then switching to the model {0}…</source>
        <translation>Zuerst wird der Scan angehalten, dann wird zum Modell {0} gewechselt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>bundled default</source>
        <translation>mitgeliefertes Standardmodell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading model {0}…</source>
        <translation>Modell {0} wird geladen…</translation>
    </message>
</context>
<context>
    <name>OfficialModelDialog</name>
    <message>
        <location filename="../../clamp2_desktop/model_dialogs.py" line="+89"/>
        <source>Cancelled; nothing was imported.</source>
        <translation>Abgebrochen; nichts wurde importiert.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Get the official CLaMP 2 model</source>
        <translation>Offizielles CLaMP-2-Modell holen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;The official CLaMP 2 model&lt;/b&gt; is the model published by its authors. It is larger and more accurate than the small model that comes with the app, and it understands descriptions in 101 languages.&lt;br&gt;&lt;br&gt;It is about 1.5 GB (the checkpoint plus the XLM-R tokenizer files) and needs more memory and time to embed your library. The app never downloads it by itself: import the files if you already have them, or click Download.</source>
        <translation>&lt;b&gt;Das offizielle CLaMP-2-Modell&lt;/b&gt; ist das von seinen Autoren veröffentlichte Modell. Es ist größer und genauer als das kleine Modell, das mit der App kommt, und versteht Beschreibungen in 101 Sprachen.&lt;br&gt;&lt;br&gt;Es ist etwa 1,5 GB groß (der Checkpoint plus die Dateien des XLM-R-Tokenizers) und braucht mehr Speicher und Zeit, um deine Bibliothek einzubetten. Die App lädt es nie von selbst herunter: Importiere die Dateien, wenn du sie schon hast, oder klicke auf Herunterladen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name in your library:</source>
        <translation>Name in deiner Bibliothek:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The official .pth file, or a model folder</source>
        <translation>Die offizielle .pth-Datei oder ein Modellordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Beside the checkpoint (default)</source>
        <translation>Neben dem Checkpoint (Standard)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import from files</source>
        <translation>Aus Dateien importieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checkpoint:</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XLM-R tokenizer:</source>
        <translation>XLM-R-Tokenizer:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import files you already have</source>
        <translation>Dateien importieren, die du schon hast</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The checkpoint of sander-wood/clamp2 and the tokenizer of FacebookAI/xlm-roberta-base, about 1.5 GB in all. An interrupted download resumes where it stopped.</source>
        <translation>Der Checkpoint von sander-wood/clamp2 und der Tokenizer von FacebookAI/xlm-roberta-base, insgesamt etwa 1,5 GB. Ein unterbrochener Download wird dort fortgesetzt, wo er aufgehört hat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Download it from Hugging Face</source>
        <translation>Von Hugging Face herunterladen</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+165"/>
        <source>Use it now and re-embed my library</source>
        <translation>Jetzt verwenden und Bibliothek neu einbetten</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the official CLaMP 2 checkpoint</source>
        <translation>Offiziellen CLaMP-2-Checkpoint wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 checkpoints (*.pth);;All files (*)</source>
        <translation>CLaMP-2-Checkpoints (*.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a model folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the folder with the XLM-R tokenizer files</source>
        <translation>Ordner mit den Dateien des XLM-R-Tokenizers wählen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking and importing {0}… (nothing in the file can run)</source>
        <translation>{0} wird geprüft und importiert… (nichts in der Datei kann ausgeführt werden)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to Hugging Face…</source>
        <translation>Verbindung zu Hugging Face wird hergestellt…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Download cancelled; nothing was imported. What was received is kept, so downloading again resumes.</source>
        <translation>Download abgebrochen; nichts wurde importiert. Das bereits Empfangene bleibt erhalten, ein neuer Download setzt dort fort.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloaded; checking and importing the model…</source>
        <translation>Heruntergeladen; das Modell wird geprüft und importiert…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}: {1} of {2}</source>
        <translation>{0}: {1} von {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the checkpoint…</source>
        <translation>Checkpoint wird heruntergeladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the tokenizer…</source>
        <translation>Tokenizer wird heruntergeladen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported.</source>
        <translation>Importiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model was already imported.</source>
        <translation>Dieses Modell war schon importiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text search works with this model.</source>
        <translation>Die Textsuche funktioniert mit diesem Modell.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model has no text tokenizer: it can find similar pieces but cannot search by text. Import it again with the XLM-R tokenizer folder.</source>
        <translation>Dieses Modell hat keinen Text-Tokenizer: Es findet ähnliche Stücke, kann aber nicht nach Text suchen. Importiere es erneut mit dem Ordner des XLM-R-Tokenizers.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use it now and re-embed your library? Your {0} pieces are embedded again in the background; until then, search finds only the pieces done so far.</source>
        <translation>Jetzt verwenden und deine Bibliothek neu einbetten? Deine {0} Stücke werden im Hintergrund neu eingebettet; bis dahin findet die Suche nur die bereits fertigen Stücke.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use it now? The pieces you add to your library are embedded with it.</source>
        <translation>Jetzt verwenden? Die Stücke, die du deiner Bibliothek hinzufügst, werden damit eingebettet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1}-dimensional embeddings · music tower: {2} layers, hidden {3} · text tower: {4}, {5} layers</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1}-dimensionale Einbettungen · Musikturm: {2} Schichten, verborgen {3} · Textturm: {4}, {5} Schichten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use it now</source>
        <translation>Jetzt verwenden</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Finishing the import; the dialog closes when it is done.</source>
        <translation>Der Import wird abgeschlossen; der Dialog schließt sich danach.</translation>
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
        <location line="+33"/>
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
        <location line="+8"/>
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
        <source>A model name, a model folder or an official .pth file. A new model is loaded when you click OK, and your library is embedded for it in the background.</source>
        <translation>Ein Modellname, ein Modellordner oder eine offizielle .pth-Datei. Ein neues Modell wird beim Klick auf OK geladen, und deine Bibliothek wird im Hintergrund dafür eingebettet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official model…</source>
        <translation>Offizielles Modell holen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>Das offizielle CLaMP-2-Modell importieren oder herunterladen (101 Sprachen, etwa 1,5 GB)</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+16"/>
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
