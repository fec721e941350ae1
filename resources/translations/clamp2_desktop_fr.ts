<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+106"/>
        <source>Composer:</source>
        <translation>Compositeur&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>Format&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration:</source>
        <translation>Durée&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details:</source>
        <translation>Détails&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>Fichier&#xa0;:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a tag and press Enter</source>
        <translation>Nouvelle étiquette (Entrée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tag</source>
        <translation>Retirer l’étiquette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find similar</source>
        <translation>Similaires</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play</source>
        <translation>Lire</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in folder</source>
        <translation>Voir le dossier</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a piece to see its details</source>
        <translation>Sélectionnez un morceau pour voir ses détails</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rhythm</source>
        <translation>rythme</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>metre</source>
        <translation>mesure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>tonalité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>origin</source>
        <translation>origine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tracks</source>
        <translation>pistes</translation>
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
        <translation>{0}&#xa0;: {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>auto</source>
        <translation>automatique</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>suggested</source>
        <translation>suggérée</translation>
    </message>
</context>
<context>
    <name>EngineService</name>
    <message>
        <location filename="../../clamp2_desktop/engine_service.py" line="+103"/>
        <source>No model is loaded, so the library cannot be searched yet.</source>
        <translation>Aucun modèle n’est chargé&#x202f;; la bibliothèque ne peut pas encore être interrogée.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The model “{0}” has no text tokenizer, so it cannot search by text; drop a file to find similar pieces instead.</source>
        <translation>Le modèle «&#xa0;{0}&#xa0;» n’a pas de tokeniseur de texte et ne peut donc pas chercher par texte&#x202f;; déposez plutôt un fichier pour trouver des morceaux similaires.</translation>
    </message>
</context>
<context>
    <name>ErrorsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+25"/>
        <source>Unreadable files</source>
        <translation>Fichiers illisibles</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n file(s) could not be read. They are skipped; the rest of the library is fine.</source>
        <translation>
            <numerusform>%n fichier n’a pas pu être lu. Il est ignoré&#x202f;; le reste de la bibliothèque est intact.</numerusform>
            <numerusform>%n fichiers n’ont pas pu être lus. Ils sont ignorés&#x202f;; le reste de la bibliothèque est intact.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <location filename="../../clamp2_desktop/finetune_dialog.py" line="+82"/>
        <source>Fine-tune on my library</source>
        <translation>Adapter le modèle à ma bibliothèque</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Teach the model your own words: it learns from the tags you gave or accepted, titles, comments in ABC files and folder names. Your current model stays as it is; the result is a new model you can switch to, and back.</source>
        <translation>Apprenez au modèle votre propre vocabulaire&#xa0;: il s’appuie sur les étiquettes que vous avez ajoutées ou acceptées, les titres, les commentaires des fichiers ABC et les noms de dossier. Votre modèle actuel reste inchangé&#x202f;; vous obtenez un nouveau modèle vers lequel basculer, et revenir quand vous voulez.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New model name:</source>
        <translation>Nom du nouveau modèle&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most:</source>
        <translation>Au maximum&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> epochs</source>
        <translation> passes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit:</source>
        <translation>Durée maximale&#xa0;:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel training</source>
        <translation>Annuler l’entraînement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the new model</source>
        <translation>Utiliser le nouveau modèle</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>none yet</source>
        <translation>aucune pour l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>étiquettes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>titles</source>
        <translation>titres</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>composers</source>
        <translation>compositeurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABC comments and fields</source>
        <translation>commentaires et champs ABC</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file names</source>
        <translation>noms de fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder names</source>
        <translation>noms de dossier</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of {1} pieces have something to learn from ({2}).&lt;br&gt;{3} pieces to learn from, {4} held back to measure the result.&lt;br&gt;Your tags: {5}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; morceaux sur {1} offrent de quoi apprendre ({2}).&lt;br&gt;{3} morceaux pour l’apprentissage, {4} mis de côté pour mesurer le résultat.&lt;br&gt;Vos étiquettes&#xa0;: {5}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing yet</source>
        <translation>rien pour l’instant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag a few more pieces first (at least {0} pieces need a tag, title or comment).</source>
        <translation>Étiquetez d’abord quelques morceaux de plus (il faut au moins {0} morceaux avec une étiquette, un titre ou un commentaire).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing…</source>
        <translation>Préparation…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopping after the current batch…</source>
        <translation>Arrêt après le lot en cours…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>epoch %1 of %2 — %p%</source>
        <translation>passe %1 sur %2 — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, loss {0:.3f}</source>
        <translation>, perte {0:.3f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training{0}; about {1} left</source>
        <translation>Entraînement{0}&#x202f;; encore environ {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reading pieces — %p%</source>
        <translation>lecture des morceaux — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measuring on the held-back pieces…</source>
        <translation>Mesure sur les morceaux mis de côté…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the new model…</source>
        <translation>Enregistrement du nouveau modèle…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled. Your library and models are unchanged; Start resumes from the last finished epoch.</source>
        <translation>Annulé. Votre bibliothèque et vos modèles sont inchangés&#x202f;; «&#xa0;Démarrer&#xa0;» reprend à la dernière passe terminée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No epoch found your held-back pieces better than the current model (score {0:.3f}), so no new model was made.</source>
        <translation>Aucune passe n’a retrouvé les morceaux mis de côté mieux que le modèle actuel (score {0:.3f})&#x202f;; aucun nouveau modèle n’a donc été créé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done in {0}. Finding held-back pieces from their descriptions (MRR): {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f}%). Peak memory {4:.0f} MB.</source>
        <translation>Terminé en {0}. Retrouver les morceaux mis de côté d’après leur description (MRR)&#xa0;: {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f}&#x202f;%). Mémoire maximale&#xa0;: {4:.0f}&#xa0;Mo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fine-tuning stopped: {0}</source>
        <translation>L’entraînement s’est arrêté&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../clamp2_desktop/library_model.py" line="+88"/>
        <location line="+114"/>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Composer</source>
        <translation>Compositeur</translation>
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
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Match</source>
        <translation>Pertinence</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clamp2_desktop/main_window.py" line="+143"/>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search in any language — “melancholic waltz”, “canción de cuna”, “欢快的舞曲”…</source>
        <translation>Cherchez dans toutes les langues&#xa0;: «&#xa0;valse mélancolique&#xa0;», «&#xa0;canción de cuna&#xa0;», «&#xa0;欢快的舞曲&#xa0;»…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan</source>
        <translation>Réanalyser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable files</source>
        <translation>Fichiers illisibles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag my library</source>
        <translation>Étiqueter ma bibliothèque</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest genre, mood, ensemble, era, form and region tags for every piece</source>
        <translation>Suggérer des étiquettes de genre, d’humeur, d’effectif, d’époque, de forme et de région pour chaque morceau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review tags…</source>
        <translation>Vérifier les étiquettes…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official CLaMP 2 model…</source>
        <translation>Obtenir le modèle officiel CLaMP 2…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>Importer ou télécharger le modèle officiel CLaMP 2 (101 langues, environ 1,5 Go)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the bundled default model</source>
        <translation>Utiliser le modèle par défaut fourni</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fine-tune on my library…</source>
        <translation>Adapter le modèle à ma bibliothèque…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your own tags, titles and folder names</source>
        <translation>Apprendre au modèle vos propres étiquettes, titres et noms de dossier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Filter by title, composer or file name</source>
        <translation>Filtrer par titre, compositeur ou nom de fichier</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+325"/>
        <source>Type a description of the music you want, in any language.</source>
        <translation>Décrivez la musique que vous cherchez, dans n’importe quelle langue.</translation>
    </message>
    <message>
        <location line="-315"/>
        <source>Drop MIDI or ABC files onto the window, or choose “Find similar” on a piece.</source>
        <translation>Déposez des fichiers MIDI ou ABC sur la fenêtre, ou cliquez sur «&#xa0;Similaires&#xa0;» pour un morceau.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search results</source>
        <translation>Résultats de recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar pieces</source>
        <translation>Morceaux similaires</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loading model…</source>
        <translation>Chargement du modèle…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel scan</source>
        <translation>Annuler l’analyse</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your library is empty</source>
        <translation>Votre bibliothèque est vide</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a folder of MIDI and ABC files, or start with the demo library: Irish dances, airs and Bach chorales, all public domain.</source>
        <translation>Ajoutez un dossier de fichiers MIDI et ABC, ou commencez par la bibliothèque de démonstration&#xa0;: danses et airs irlandais, chorals de Bach, tous dans le domaine public.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo library</source>
        <translation>Ouvrir la bibliothèque de démonstration</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n piece(s)</source>
        <translation>
            <numerusform>%n morceau</numerusform>
            <numerusform>%n morceaux</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>All pieces (%n)</source>
        <translation>
            <numerusform>Tous les morceaux (%n)</numerusform>
            <numerusform>Tous les morceaux (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Unreadable files (%n)</source>
        <translation>
            <numerusform>Fichiers illisibles (%n)</numerusform>
            <numerusform>Fichiers illisibles (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+25"/>
        <source>Model: {0} · {1}</source>
        <translation>Modèle&#xa0;: {0} · {1}</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>{0}-dimensional embeddings; library {1}</source>
        <translation>Embeddings de dimension {0}&#x202f;; bibliothèque {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Now using the model {0}.</source>
        <translation>Le modèle {0} est maintenant utilisé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now using the model {0}; embedding your library for it in the background…</source>
        <translation>Le modèle {0} est maintenant utilisé ; votre bibliothèque est encodée pour lui en arrière-plan…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>No model loaded</source>
        <translation>Aucun modèle chargé</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The app goes on with the model {0}.</source>
        <translation>L’application continue avec le modèle {0}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No model is loaded; choose one in Settings.</source>
        <translation>Aucun modèle n’est chargé ; choisissez-en un dans les Paramètres.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model could not be loaded:
{0}

{1}</source>
        <translation>Le modèle n’a pas pu être chargé :
{0}

{1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model could not be loaded:
{0}

You can still browse the library; choose a model in Settings.</source>
        <translation>Le modèle n’a pas pu être chargé&#xa0;:
{0}

Vous pouvez tout de même parcourir la bibliothèque&#x202f;; choisissez un modèle dans les Paramètres.</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n result(s) for “{0}” · model {1}</source>
        <translation>
            <numerusform>%n résultat pour «&#xa0;{0}&#xa0;» · modèle {1}</numerusform>
            <numerusform>%n résultats pour «&#xa0;{0}&#xa0;» · modèle {1}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No results for “{0}”. The library may be empty.</source>
        <translation>Aucun résultat pour «&#xa0;{0}&#xa0;». La bibliothèque est peut-être vide.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the library</source>
        <translation>de la bibliothèque</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not in the library, analysed just now</source>
        <translation>hors bibliothèque, analysé à l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pieces similar to {0} ({1}) · model {2}</source>
        <translation>Morceaux similaires à {0} ({1}) · modèle {2}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Suggested tags for {0} of {1} pieces; review them with “Review tags…”.</source>
        <translation>Étiquettes suggérées pour {0} morceaux sur {1} ; vérifiez-les avec « Vérifier les étiquettes… ».</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tagging the library…</source>
        <translation>Étiquetage de la bibliothèque…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Searching for “{0}”…</source>
        <translation>Recherche de «&#xa0;{0}&#xa0;»…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking for similar pieces…</source>
        <translation>Recherche de morceaux similaires…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a music folder</source>
        <translation>Ajouter un dossier de musique</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo library is not installed.</source>
        <translation>La bibliothèque de démonstration n’est pas installée.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scanning needs a model; it is still loading or could not be loaded (see Settings).</source>
        <translation>L’analyse nécessite un modèle&#x202f;; il est encore en cours de chargement ou n’a pas pu être chargé (voir Paramètres).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scanning {0}…</source>
        <translation>Analyse de {0}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling the scan after the current batch…</source>
        <translation>Annulation de l’analyse après le lot en cours…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%v / %m files</source>
        <translation>%v / %m fichiers</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%v / %m pieces</source>
        <translation>%v / %m morceaux</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Scan cancelled: {0} files read, {1} pieces added so far.</source>
        <translation>Analyse annulée. Fichiers lus&#xa0;: {0}&#x202f;; morceaux ajoutés jusqu’ici&#xa0;: {1}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan finished: {0} new, {1} changed, {2} moved, {3} removed, {4} unreadable.</source>
        <translation>Analyse terminée. Nouveaux&#xa0;: {0}&#x202f;; modifiés&#xa0;: {1}&#x202f;; déplacés&#xa0;: {2}&#x202f;; retirés&#xa0;: {3}&#x202f;; illisibles&#xa0;: {4}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scan stopped:
{0}</source>
        <translation>L’analyse s’est arrêtée&#xa0;:
{0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The new device or language takes effect the next time CLaMP 2 Desktop starts.</source>
        <translation>Le nouvel appareil ou la nouvelle langue prendra effet au prochain démarrage de CLaMP 2 Desktop.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>A model is already being loaded; try again when it is done.</source>
        <translation>Un modèle est déjà en cours de chargement ; réessayez quand il sera prêt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopping the scan first; then switching to the model {0}…</source>
        <translation>Arrêt de l’analyse d’abord, puis passage au modèle {0}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>bundled default</source>
        <translation>modèle par défaut fourni</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading model {0}…</source>
        <translation>Chargement du modèle {0}…</translation>
    </message>
</context>
<context>
    <name>OfficialModelDialog</name>
    <message>
        <location filename="../../clamp2_desktop/model_dialogs.py" line="+89"/>
        <source>Cancelled; nothing was imported.</source>
        <translation>Annulé ; rien n’a été importé.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Get the official CLaMP 2 model</source>
        <translation>Obtenir le modèle officiel CLaMP 2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;The official CLaMP 2 model&lt;/b&gt; is the model published by its authors. It is larger and more accurate than the small model that comes with the app, and it understands descriptions in 101 languages.&lt;br&gt;&lt;br&gt;It is about 1.5 GB (the checkpoint plus the XLM-R tokenizer files) and needs more memory and time to embed your library. The app never downloads it by itself: import the files if you already have them, or click Download.</source>
        <translation>&lt;b&gt;Le modèle officiel CLaMP 2&lt;/b&gt; est celui publié par ses auteurs. Il est plus grand et plus précis que le petit modèle fourni avec l’application, et il comprend les descriptions dans 101 langues.&lt;br&gt;&lt;br&gt;Il pèse environ 1,5 Go (le checkpoint plus les fichiers du tokeniseur XLM-R) et demande plus de mémoire et de temps pour encoder votre bibliothèque. L’application ne le télécharge jamais d’elle-même : importez les fichiers si vous les avez déjà, ou cliquez sur Télécharger.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name in your library:</source>
        <translation>Nom dans votre bibliothèque :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The official .pth file, or a model folder</source>
        <translation>Le fichier .pth officiel, ou un dossier de modèle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File…</source>
        <translation>Fichier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Folder…</source>
        <translation>Dossier…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Beside the checkpoint (default)</source>
        <translation>À côté du checkpoint (par défaut)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import from files</source>
        <translation>Importer depuis les fichiers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checkpoint:</source>
        <translation>Checkpoint :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XLM-R tokenizer:</source>
        <translation>Tokeniseur XLM-R :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import files you already have</source>
        <translation>Importer des fichiers que vous avez déjà</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The checkpoint of sander-wood/clamp2 and the tokenizer of FacebookAI/xlm-roberta-base, about 1.5 GB in all. An interrupted download resumes where it stopped.</source>
        <translation>Le checkpoint de sander-wood/clamp2 et le tokeniseur de FacebookAI/xlm-roberta-base, environ 1,5 Go au total. Un téléchargement interrompu reprend là où il s’est arrêté.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Download it from Hugging Face</source>
        <translation>Le télécharger depuis Hugging Face</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+165"/>
        <source>Use it now and re-embed my library</source>
        <translation>L’utiliser maintenant et ré-encoder ma bibliothèque</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the official CLaMP 2 checkpoint</source>
        <translation>Choisir le checkpoint officiel CLaMP 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 checkpoints (*.pth);;All files (*)</source>
        <translation>Checkpoints CLaMP 2 (*.pth);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a model folder</source>
        <translation>Choisir un dossier de modèle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the folder with the XLM-R tokenizer files</source>
        <translation>Choisir le dossier contenant les fichiers du tokeniseur XLM-R</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking and importing {0}… (nothing in the file can run)</source>
        <translation>Vérification et import de {0}… (rien dans le fichier ne peut s’exécuter)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to Hugging Face…</source>
        <translation>Connexion à Hugging Face…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Download cancelled; nothing was imported. What was received is kept, so downloading again resumes.</source>
        <translation>Téléchargement annulé ; rien n’a été importé. Ce qui a été reçu est conservé : un nouveau téléchargement reprendra.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloaded; checking and importing the model…</source>
        <translation>Téléchargé ; vérification et import du modèle…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}: {1} of {2}</source>
        <translation>{0} : {1} sur {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the checkpoint…</source>
        <translation>Téléchargement du checkpoint…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the tokenizer…</source>
        <translation>Téléchargement du tokeniseur…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported.</source>
        <translation>Importé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model was already imported.</source>
        <translation>Ce modèle était déjà importé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text search works with this model.</source>
        <translation>La recherche par texte fonctionne avec ce modèle.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model has no text tokenizer: it can find similar pieces but cannot search by text. Import it again with the XLM-R tokenizer folder.</source>
        <translation>Ce modèle n’a pas de tokeniseur de texte : il trouve des morceaux similaires mais ne peut pas chercher par texte. Importez-le à nouveau avec le dossier du tokeniseur XLM-R.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use it now and re-embed your library? Your {0} pieces are embedded again in the background; until then, search finds only the pieces done so far.</source>
        <translation>L’utiliser maintenant et ré-encoder votre bibliothèque ? Vos {0} morceaux sont ré-encodés en arrière-plan ; en attendant, la recherche ne trouve que les morceaux déjà traités.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use it now? The pieces you add to your library are embedded with it.</source>
        <translation>L’utiliser maintenant ? Les morceaux que vous ajoutez à votre bibliothèque seront encodés avec lui.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1}-dimensional embeddings · music tower: {2} layers, hidden {3} · text tower: {4}, {5} layers</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · plongements de dimension {1} · tour musique : {2} couches, cachée {3} · tour texte : {4}, {5} couches</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use it now</source>
        <translation>L’utiliser maintenant</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Finishing the import; the dialog closes when it is done.</source>
        <translation>Fin de l’import en cours ; la fenêtre se fermera ensuite.</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../clamp2_desktop/player_bar.py" line="+79"/>
        <source>Play / pause (Space)</source>
        <translation>Lecture / pause (Espace)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch between the dropped piece (A) and the result (B) at the same moment</source>
        <translation>Basculer entre le morceau déposé (A) et le résultat (B) au même instant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to play — double-click a result, or press Play on a piece</source>
        <translation>Rien à lire — double-cliquez sur un résultat ou sur «&#xa0;Lire&#xa0;»</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>built-in synthesizer</source>
        <translation>synthétiseur intégré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing on: {0}</source>
        <translation>Lecture sur&#xa0;: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/app_settings.py" line="+54"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove folder</source>
        <translation>Retirer le dossier</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundled default model</source>
        <translation>Modèle fourni par défaut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A model name, a model folder or an official .pth file. A new model is loaded when you click OK, and your library is embedded for it in the background.</source>
        <translation>Un nom de modèle, un dossier de modèle ou un fichier .pth officiel. Le nouveau modèle est chargé quand vous cliquez sur OK, et votre bibliothèque est encodée pour lui en arrière-plan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official model…</source>
        <translation>Obtenir le modèle officiel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>Importer ou télécharger le modèle officiel CLaMP 2 (101 langues, environ 1,5 Go)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Automatic (GPU if available)</source>
        <translation>Automatique (GPU si disponible)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Built-in synthesizer</source>
        <translation>Synthétiseur intégré</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library folders:</source>
        <translation>Dossiers de la bibliothèque&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>Modèle&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>Périphérique&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIDI output:</source>
        <translation>Sortie MIDI&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>Langue&#xa0;:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a music folder</source>
        <translation>Ajouter un dossier de musique</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a model</source>
        <translation>Choisir un modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 models (*.pth config.json)</source>
        <translation>Modèles CLaMP 2 (*.pth config.json)</translation>
    </message>
</context>
<context>
    <name>TagReviewDialog</name>
    <message>
        <location filename="../../clamp2_desktop/tag_review.py" line="+41"/>
        <source>Review tag suggestions</source>
        <translation>Vérifier les suggestions d’étiquettes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Piece</source>
        <translation>Morceau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vocabulary</source>
        <translation>Vocabulaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept</source>
        <translation>Accepter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All vocabularies</source>
        <translation>Tous les vocabulaires</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n suggestion à vérifier</numerusform>
            <numerusform>%n suggestions à vérifier</numerusform>
        </translation>
    </message>
</context>
</TS>
