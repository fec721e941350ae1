<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+103"/>
        <source>Composer:</source>
        <translation>Compositor:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration:</source>
        <translation>Duración:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details:</source>
        <translation>Detalles:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a tag and press Enter</source>
        <translation>Nueva etiqueta (Intro)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tag</source>
        <translation>Quitar etiqueta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find similar</source>
        <translation>Buscar similares</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a piece to see its details</source>
        <translation>Selecciona una pieza para ver sus detalles</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rhythm</source>
        <translation>ritmo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>metre</source>
        <translation>compás</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>tonalidad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>origin</source>
        <translation>origen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tracks</source>
        <translation>pistas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tempo</source>
        <translation>tempo</translation>
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
        <translation>automática</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>suggested</source>
        <translation>sugerida</translation>
    </message>
</context>
<context>
    <name>EngineService</name>
    <message>
        <location filename="../../clamp2_desktop/engine_service.py" line="+80"/>
        <source>No model is loaded, so the library cannot be searched yet.</source>
        <translation>No hay ningún modelo cargado, así que todavía no se puede buscar en la biblioteca.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The model “{0}” has no text tokenizer, so it cannot search by text; drop a file to find similar pieces instead.</source>
        <translation>El modelo «{0}» no tiene tokenizador de texto, así que no puede buscar por texto; suelta un archivo en la ventana para encontrar piezas similares.</translation>
    </message>
</context>
<context>
    <name>ErrorsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+25"/>
        <source>Unreadable files</source>
        <translation>Archivos ilegibles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n file(s) could not be read. They are skipped; the rest of the library is fine.</source>
        <translation>
            <numerusform>No se pudo leer %n archivo. Se omite; el resto de la biblioteca está bien.</numerusform>
            <numerusform>No se pudieron leer %n archivos. Se omiten; el resto de la biblioteca está bien.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../clamp2_desktop/library_model.py" line="+88"/>
        <location line="+114"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Composer</source>
        <translation>Compositor</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+113"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Match</source>
        <translation>Relevancia</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clamp2_desktop/main_window.py" line="+135"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search in any language — “melancholic waltz”, “canción de cuna”, “欢快的舞曲”…</source>
        <translation>Busca en cualquier idioma: «vals melancólico», «Wiegenlied», «欢快的舞曲»…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add folder…</source>
        <translation>Añadir carpeta…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan</source>
        <translation>Volver a escanear</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable files</source>
        <translation>Archivos ilegibles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag my library</source>
        <translation>Etiquetar mi biblioteca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest genre, mood, ensemble, era, form and region tags for every piece</source>
        <translation>Sugerir etiquetas de género, carácter, conjunto, época, forma y región para cada pieza</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review tags…</source>
        <translation>Revisar etiquetas…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Filter by title, composer or file name</source>
        <translation>Filtrar por título, compositor o nombre de archivo</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+298"/>
        <source>Type a description of the music you want, in any language.</source>
        <translation>Describe la música que buscas, en cualquier idioma.</translation>
    </message>
    <message>
        <location line="-288"/>
        <source>Drop MIDI or ABC files onto the window, or choose “Find similar” on a piece.</source>
        <translation>Suelta archivos MIDI o ABC en la ventana, o elige «Buscar similares» en una pieza.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search results</source>
        <translation>Resultados de búsqueda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar pieces</source>
        <translation>Piezas similares</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loading model…</source>
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel scan</source>
        <translation>Cancelar escaneo</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your library is empty</source>
        <translation>Tu biblioteca está vacía</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a folder of MIDI and ABC files, or start with the demo library: Irish dances, airs and Bach chorales, all public domain.</source>
        <translation>Añade una carpeta con archivos MIDI y ABC, o empieza con la biblioteca de demostración: danzas y aires irlandeses y corales de Bach, todo de dominio público.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo library</source>
        <translation>Abrir la biblioteca de demostración</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a folder…</source>
        <translation>Añadir una carpeta…</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n piece(s)</source>
        <translation>
            <numerusform>%n pieza</numerusform>
            <numerusform>%n piezas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>All pieces (%n)</source>
        <translation>
            <numerusform>Todas las piezas (%n)</numerusform>
            <numerusform>Todas las piezas (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folders</source>
        <translation>Carpetas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Unreadable files (%n)</source>
        <translation>
            <numerusform>Archivos ilegibles (%n)</numerusform>
            <numerusform>Archivos ilegibles (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Model: {0} · {1}</source>
        <translation>Modelo: {0} · {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}-dimensional embeddings; library {1}</source>
        <translation>Embeddings de {0} dimensiones; biblioteca {1}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model could not be loaded:
{0}

You can still browse the library; choose a model in Settings.</source>
        <translation>No se pudo cargar el modelo:
{0}

Puedes seguir explorando la biblioteca; elige un modelo en Ajustes.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n result(s) for “{0}” · model {1}</source>
        <translation>
            <numerusform>%n resultado para «{0}» · modelo {1}</numerusform>
            <numerusform>%n resultados para «{0}» · modelo {1}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No results for “{0}”. The library may be empty.</source>
        <translation>No hay resultados para «{0}». Puede que la biblioteca esté vacía.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the library</source>
        <translation>de la biblioteca</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not in the library, analysed just now</source>
        <translation>no está en la biblioteca, analizada ahora mismo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pieces similar to {0} ({1}) · model {2}</source>
        <translation>Piezas similares a {0} ({1}) · modelo {2}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Suggested tags for {0} of {1} pieces; review them with “Review tags…”.</source>
        <translation>Etiquetas sugeridas para {0} de {1} piezas; revísalas con «Revisar etiquetas…».</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tagging the library…</source>
        <translation>Etiquetando la biblioteca…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Searching for “{0}”…</source>
        <translation>Buscando «{0}»…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking for similar pieces…</source>
        <translation>Buscando piezas similares…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a music folder</source>
        <translation>Añadir una carpeta de música</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo library is not installed.</source>
        <translation>La biblioteca de demostración no está instalada.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scanning needs a model; it is still loading or could not be loaded (see Settings).</source>
        <translation>Para escanear hace falta un modelo; aún se está cargando o no se pudo cargar (consulta Ajustes).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scanning {0}…</source>
        <translation>Escaneando {0}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling the scan after the current batch…</source>
        <translation>Cancelando el escaneo al terminar el lote actual…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%v / %m files</source>
        <translation>%v / %m archivos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%v / %m pieces</source>
        <translation>%v / %m piezas</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scan cancelled: {0} files read, {1} pieces added so far.</source>
        <translation>Escaneo cancelado. Archivos leídos: {0}; piezas añadidas hasta ahora: {1}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan finished: {0} new, {1} changed, {2} moved, {3} removed, {4} unreadable.</source>
        <translation>Escaneo terminado. Nuevos: {0}; modificados: {1}; movidos: {2}; quitados: {3}; ilegibles: {4}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scan stopped:
{0}</source>
        <translation>El escaneo se detuvo:
{0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The new model, device or language takes effect the next time CLaMP 2 Desktop starts.</source>
        <translation>El nuevo modelo, dispositivo o idioma se aplicará la próxima vez que se inicie CLaMP 2 Desktop.</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../clamp2_desktop/player_bar.py" line="+79"/>
        <source>Play / pause (Space)</source>
        <translation>Reproducir / pausa (Espacio)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch between the dropped piece (A) and the result (B) at the same moment</source>
        <translation>Alterna entre la pieza soltada (A) y el resultado (B) en el mismo punto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to play — double-click a result, or press Play on a piece</source>
        <translation>Nada que reproducir: doble clic en un resultado o «Reproducir»</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>built-in synthesizer</source>
        <translation>sintetizador integrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing on: {0}</source>
        <translation>Reproduciendo en: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/app_settings.py" line="+54"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add folder…</source>
        <translation>Añadir carpeta…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove folder</source>
        <translation>Quitar carpeta</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundled default model</source>
        <translation>Modelo predeterminado incluido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Automatic (GPU if available)</source>
        <translation>Automático (GPU si está disponible)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Built-in synthesizer</source>
        <translation>Sintetizador integrado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library folders:</source>
        <translation>Carpetas de la biblioteca:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>Dispositivo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIDI output:</source>
        <translation>Salida MIDI:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a music folder</source>
        <translation>Añadir una carpeta de música</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a model</source>
        <translation>Elegir un modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 models (*.pth config.json)</source>
        <translation>Modelos de CLaMP 2 (*.pth config.json)</translation>
    </message>
</context>
<context>
    <name>TagReviewDialog</name>
    <message>
        <location filename="../../clamp2_desktop/tag_review.py" line="+41"/>
        <source>Review tag suggestions</source>
        <translation>Revisar sugerencias de etiquetas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Piece</source>
        <translation>Pieza</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vocabulary</source>
        <translation>Vocabulario</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All vocabularies</source>
        <translation>Todos los vocabularios</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n sugerencia por revisar</numerusform>
            <numerusform>%n sugerencias por revisar</numerusform>
        </translation>
    </message>
</context>
</TS>
