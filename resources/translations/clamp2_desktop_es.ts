<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+106"/>
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
        <location filename="../../clamp2_desktop/engine_service.py" line="+103"/>
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
    <name>FinetuneDialog</name>
    <message>
        <location filename="../../clamp2_desktop/finetune_dialog.py" line="+82"/>
        <source>Fine-tune on my library</source>
        <translation>Ajustar el modelo a mi biblioteca</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Teach the model your own words: it learns from the tags you gave or accepted, titles, comments in ABC files and folder names. Your current model stays as it is; the result is a new model you can switch to, and back.</source>
        <translation>Enseña al modelo tus propias palabras: aprende de las etiquetas que pusiste o aceptaste, de los títulos, de los comentarios de los archivos ABC y de los nombres de carpeta. Tu modelo actual no cambia; el resultado es un modelo nuevo al que puedes pasarte, y volver cuando quieras.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New model name:</source>
        <translation>Nombre del modelo nuevo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most:</source>
        <translation>Como máximo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> epochs</source>
        <translation> pasadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit:</source>
        <translation>Límite de tiempo:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel training</source>
        <translation>Cancelar entrenamiento</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the new model</source>
        <translation>Usar el modelo nuevo</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>none yet</source>
        <translation>ninguna todavía</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>etiquetas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>titles</source>
        <translation>títulos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>composers</source>
        <translation>compositores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABC comments and fields</source>
        <translation>comentarios y campos ABC</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file names</source>
        <translation>nombres de archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder names</source>
        <translation>nombres de carpeta</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of {1} pieces have something to learn from ({2}).&lt;br&gt;{3} pieces to learn from, {4} held back to measure the result.&lt;br&gt;Your tags: {5}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; de {1} piezas tienen algo de lo que aprender ({2}).&lt;br&gt;{3} piezas para aprender y {4} reservadas para medir el resultado.&lt;br&gt;Tus etiquetas: {5}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing yet</source>
        <translation>nada todavía</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag a few more pieces first (at least {0} pieces need a tag, title or comment).</source>
        <translation>Primero etiqueta algunas piezas más (al menos {0} piezas necesitan una etiqueta, un título o un comentario).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing…</source>
        <translation>Preparando…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopping after the current batch…</source>
        <translation>Deteniendo al terminar el lote actual…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>epoch %1 of %2 — %p%</source>
        <translation>pasada %1 de %2 — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, loss {0:.3f}</source>
        <translation>, pérdida {0:.3f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training{0}; about {1} left</source>
        <translation>Entrenando{0}; quedan unos {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reading pieces — %p%</source>
        <translation>leyendo piezas — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measuring on the held-back pieces…</source>
        <translation>Midiendo con las piezas reservadas…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the new model…</source>
        <translation>Guardando el modelo nuevo…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled. Your library and models are unchanged; Start resumes from the last finished epoch.</source>
        <translation>Cancelado. Tu biblioteca y tus modelos no han cambiado; «Empezar» continúa desde la última pasada terminada.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No epoch found your held-back pieces better than the current model (score {0:.3f}), so no new model was made.</source>
        <translation>Ninguna pasada encontró tus piezas reservadas mejor que el modelo actual (puntuación {0:.3f}), así que no se creó ningún modelo nuevo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done in {0}. Finding held-back pieces from their descriptions (MRR): {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f}%). Peak memory {4:.0f} MB.</source>
        <translation>Terminado en {0}. Encontrar las piezas reservadas por su descripción (MRR): {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f}%). Memoria máxima: {4:.0f} MB.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fine-tuning stopped: {0}</source>
        <translation>El entrenamiento se detuvo: {0}</translation>
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
        <location filename="../../clamp2_desktop/main_window.py" line="+143"/>
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
        <location line="+2"/>
        <source>Get the official CLaMP 2 model…</source>
        <translation>Obtener el modelo oficial de CLaMP 2…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>Importar o descargar el modelo oficial de CLaMP 2 (101 idiomas, unos 1,5 GB)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the bundled default model</source>
        <translation>Usar el modelo predeterminado incluido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fine-tune on my library…</source>
        <translation>Ajustar el modelo a mi biblioteca…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your own tags, titles and folder names</source>
        <translation>Enseñar al modelo tus propias etiquetas, títulos y nombres de carpeta</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Filter by title, composer or file name</source>
        <translation>Filtrar por título, compositor o nombre de archivo</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+325"/>
        <source>Type a description of the music you want, in any language.</source>
        <translation>Describe la música que buscas, en cualquier idioma.</translation>
    </message>
    <message>
        <location line="-315"/>
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
        <location line="+25"/>
        <source>Model: {0} · {1}</source>
        <translation>Modelo: {0} · {1}</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>{0}-dimensional embeddings; library {1}</source>
        <translation>Embeddings de {0} dimensiones; biblioteca {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Now using the model {0}.</source>
        <translation>Ahora se usa el modelo {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now using the model {0}; embedding your library for it in the background…</source>
        <translation>Ahora se usa el modelo {0}; se está calculando la representación de tu biblioteca en segundo plano…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>No model loaded</source>
        <translation>Ningún modelo cargado</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The app goes on with the model {0}.</source>
        <translation>La aplicación sigue con el modelo {0}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No model is loaded; choose one in Settings.</source>
        <translation>No hay ningún modelo cargado; elige uno en Ajustes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model could not be loaded:
{0}

{1}</source>
        <translation>No se pudo cargar el modelo:
{0}

{1}</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+18"/>
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
        <location line="+27"/>
        <source>The new device or language takes effect the next time CLaMP 2 Desktop starts.</source>
        <translation>El nuevo dispositivo o idioma se aplicará la próxima vez que se inicie CLaMP 2 Desktop.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>A model is already being loaded; try again when it is done.</source>
        <translation>Ya se está cargando un modelo; inténtalo de nuevo cuando termine.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopping the scan first; then switching to the model {0}…</source>
        <translation>Primero se detiene el escaneo; luego se cambia al modelo {0}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>bundled default</source>
        <translation>predeterminado incluido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading model {0}…</source>
        <translation>Cargando el modelo {0}…</translation>
    </message>
</context>
<context>
    <name>OfficialModelDialog</name>
    <message>
        <location filename="../../clamp2_desktop/model_dialogs.py" line="+89"/>
        <source>Cancelled; nothing was imported.</source>
        <translation>Cancelado; no se importó nada.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Get the official CLaMP 2 model</source>
        <translation>Obtener el modelo oficial de CLaMP 2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;The official CLaMP 2 model&lt;/b&gt; is the model published by its authors. It is larger and more accurate than the small model that comes with the app, and it understands descriptions in 101 languages.&lt;br&gt;&lt;br&gt;It is about 1.5 GB (the checkpoint plus the XLM-R tokenizer files) and needs more memory and time to embed your library. The app never downloads it by itself: import the files if you already have them, or click Download.</source>
        <translation>&lt;b&gt;El modelo oficial de CLaMP 2&lt;/b&gt; es el que publicaron sus autores. Es más grande y más preciso que el modelo pequeño que viene con la aplicación, y entiende descripciones en 101 idiomas.&lt;br&gt;&lt;br&gt;Ocupa unos 1,5 GB (el checkpoint más los archivos del tokenizador XLM-R) y necesita más memoria y tiempo para procesar tu biblioteca. La aplicación nunca lo descarga por su cuenta: importa los archivos si ya los tienes, o pulsa Descargar.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name in your library:</source>
        <translation>Nombre en tu biblioteca:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The official .pth file, or a model folder</source>
        <translation>El archivo .pth oficial, o una carpeta de modelo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File…</source>
        <translation>Archivo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Folder…</source>
        <translation>Carpeta…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Beside the checkpoint (default)</source>
        <translation>Junto al checkpoint (predeterminado)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import from files</source>
        <translation>Importar desde archivos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checkpoint:</source>
        <translation>Checkpoint:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XLM-R tokenizer:</source>
        <translation>Tokenizador XLM-R:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import files you already have</source>
        <translation>Importar archivos que ya tienes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The checkpoint of sander-wood/clamp2 and the tokenizer of FacebookAI/xlm-roberta-base, about 1.5 GB in all. An interrupted download resumes where it stopped.</source>
        <translation>El checkpoint de sander-wood/clamp2 y el tokenizador de FacebookAI/xlm-roberta-base, unos 1,5 GB en total. Una descarga interrumpida continúa donde se quedó.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Download it from Hugging Face</source>
        <translation>Descargarlo de Hugging Face</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+165"/>
        <source>Use it now and re-embed my library</source>
        <translation>Usarlo ya y volver a procesar mi biblioteca</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the official CLaMP 2 checkpoint</source>
        <translation>Elige el checkpoint oficial de CLaMP 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 checkpoints (*.pth);;All files (*)</source>
        <translation>Checkpoints de CLaMP 2 (*.pth);;Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a model folder</source>
        <translation>Elige una carpeta de modelo</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the folder with the XLM-R tokenizer files</source>
        <translation>Elige la carpeta con los archivos del tokenizador XLM-R</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking and importing {0}… (nothing in the file can run)</source>
        <translation>Comprobando e importando {0}… (nada del archivo puede ejecutarse)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to Hugging Face…</source>
        <translation>Conectando con Hugging Face…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Download cancelled; nothing was imported. What was received is kept, so downloading again resumes.</source>
        <translation>Descarga cancelada; no se importó nada. Lo recibido se conserva, así que al descargar de nuevo se continúa.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloaded; checking and importing the model…</source>
        <translation>Descargado; comprobando e importando el modelo…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}: {1} of {2}</source>
        <translation>{0}: {1} de {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the checkpoint…</source>
        <translation>Descargando el checkpoint…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the tokenizer…</source>
        <translation>Descargando el tokenizador…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported.</source>
        <translation>Importado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model was already imported.</source>
        <translation>Este modelo ya estaba importado.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text search works with this model.</source>
        <translation>La búsqueda por texto funciona con este modelo.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model has no text tokenizer: it can find similar pieces but cannot search by text. Import it again with the XLM-R tokenizer folder.</source>
        <translation>Este modelo no tiene tokenizador de texto: puede encontrar piezas parecidas, pero no buscar por texto. Vuelve a importarlo con la carpeta del tokenizador XLM-R.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use it now and re-embed your library? Your {0} pieces are embedded again in the background; until then, search finds only the pieces done so far.</source>
        <translation>¿Usarlo ya y volver a procesar tu biblioteca? Tus {0} piezas se procesan de nuevo en segundo plano; mientras tanto, la búsqueda solo encuentra las piezas ya procesadas.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use it now? The pieces you add to your library are embedded with it.</source>
        <translation>¿Usarlo ya? Las piezas que añadas a tu biblioteca se procesarán con él.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1}-dimensional embeddings · music tower: {2} layers, hidden {3} · text tower: {4}, {5} layers</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · embeddings de {1} dimensiones · torre musical: {2} capas, oculta {3} · torre de texto: {4}, {5} capas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use it now</source>
        <translation>Usarlo ya</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Finishing the import; the dialog closes when it is done.</source>
        <translation>Terminando la importación; el diálogo se cierra cuando acabe.</translation>
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
        <location line="+33"/>
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
        <location line="+8"/>
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
        <source>A model name, a model folder or an official .pth file. A new model is loaded when you click OK, and your library is embedded for it in the background.</source>
        <translation>Un nombre de modelo, una carpeta de modelo o un archivo .pth oficial. El nuevo modelo se carga al pulsar Aceptar, y tu biblioteca se procesa para él en segundo plano.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official model…</source>
        <translation>Obtener el modelo oficial…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>Importar o descargar el modelo oficial de CLaMP 2 (101 idiomas, unos 1,5 GB)</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+16"/>
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
