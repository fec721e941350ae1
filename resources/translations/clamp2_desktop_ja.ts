<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+106"/>
        <source>Composer:</source>
        <translation>作曲者：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>形式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration:</source>
        <translation>長さ：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details:</source>
        <translation>詳細：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>ファイル：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a tag and press Enter</source>
        <translation>タグを入力してEnterキー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tag</source>
        <translation>タグを外す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find similar</source>
        <translation>似た曲を探す</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in folder</source>
        <translation>フォルダーで表示</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a piece to see its details</source>
        <translation>曲を選ぶと詳細が表示されます</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rhythm</source>
        <translation>リズム</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>metre</source>
        <translation>拍子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>調</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>origin</source>
        <translation>由来</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tracks</source>
        <translation>トラック</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tempo</source>
        <translation>テンポ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0}: {1}</source>
        <comment>a detail of a piece: its label, its value</comment>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>suggested</source>
        <translation>提案</translation>
    </message>
</context>
<context>
    <name>EngineService</name>
    <message>
        <location filename="../../clamp2_desktop/engine_service.py" line="+103"/>
        <source>No model is loaded, so the library cannot be searched yet.</source>
        <translation>モデルが読み込まれていないため、まだライブラリを検索できません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The model “{0}” has no text tokenizer, so it cannot search by text; drop a file to find similar pieces instead.</source>
        <translation>モデル「{0}」にはテキスト用のトークナイザーがないため、テキストでは検索できません。代わりにファイルをドロップして似た曲を探してください。</translation>
    </message>
</context>
<context>
    <name>ErrorsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+25"/>
        <source>Unreadable files</source>
        <translation>読み込めないファイル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n file(s) could not be read. They are skipped; the rest of the library is fine.</source>
        <translation>
            <numerusform>%n個のファイルを読み込めませんでした。これらはスキップされ、ライブラリのほかの部分には影響ありません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <location filename="../../clamp2_desktop/finetune_dialog.py" line="+82"/>
        <source>Fine-tune on my library</source>
        <translation>ライブラリでモデルを微調整</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Teach the model your own words: it learns from the tags you gave or accepted, titles, comments in ABC files and folder names. Your current model stays as it is; the result is a new model you can switch to, and back.</source>
        <translation>あなたの言葉をモデルに覚えさせます。付けたタグや採用したタグ、曲名、ABC ファイルのコメント、フォルダー名から学習します。今のモデルはそのまま残り、新しいモデルが別に作られます。いつでも切り替えたり元に戻したりできます。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no limit</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New model name:</source>
        <translation>新しいモデルの名前：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most:</source>
        <translation>最大：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> epochs</source>
        <translation> 回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit:</source>
        <translation>制限時間：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel training</source>
        <translation>学習を中止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the new model</source>
        <translation>新しいモデルを使う</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>none yet</source>
        <translation>まだなし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>件のタグ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>titles</source>
        <translation>件の曲名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>composers</source>
        <translation>件の作曲者名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABC comments and fields</source>
        <translation>件の ABC コメント・フィールド</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file names</source>
        <translation>件のファイル名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder names</source>
        <translation>件のフォルダー名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of {1} pieces have something to learn from ({2}).&lt;br&gt;{3} pieces to learn from, {4} held back to measure the result.&lt;br&gt;Your tags: {5}</source>
        <translation>{1} 曲中 &lt;b&gt;{0}&lt;/b&gt; 曲に学習できる情報があります（{2}）。&lt;br&gt;学習に {3} 曲、結果の測定用に {4} 曲を取り分けます。&lt;br&gt;自分で付けたタグ：{5}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing yet</source>
        <translation>まだなし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag a few more pieces first (at least {0} pieces need a tag, title or comment).</source>
        <translation>先にもう少し曲にタグを付けてください（タグ・曲名・コメントのいずれかがある曲が {0} 曲以上必要です）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopping after the current batch…</source>
        <translation>現在のバッチが終わりしだい停止します…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>epoch %1 of %2 — %p%</source>
        <translation>%2 回中 %1 回目 — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, loss {0:.3f}</source>
        <translation>、損失 {0:.3f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training{0}; about {1} left</source>
        <translation>学習中{0}（残り約 {1}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reading pieces — %p%</source>
        <translation>曲を読み込み中 — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measuring on the held-back pieces…</source>
        <translation>取り分けた曲で効果を測定中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the new model…</source>
        <translation>新しいモデルを保存中…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled. Your library and models are unchanged; Start resumes from the last finished epoch.</source>
        <translation>中止しました。ライブラリとモデルは変更されていません。「開始」を押すと、最後に完了した回から再開します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No epoch found your held-back pieces better than the current model (score {0:.3f}), so no new model was made.</source>
        <translation>どの回も、取り分けた曲を今のモデル（スコア {0:.3f}）よりうまく見つけられなかったため、新しいモデルは作成されませんでした。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done in {0}. Finding held-back pieces from their descriptions (MRR): {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f}%). Peak memory {4:.0f} MB.</source>
        <translation>{0} で完了しました。取り分けた曲を説明文から見つける精度（MRR）：{1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt;（{3:+.0f}%）。最大メモリ使用量 {4:.0f} MB。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fine-tuning stopped: {0}</source>
        <translation>学習が停止しました：{0}</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../clamp2_desktop/library_model.py" line="+88"/>
        <location line="+114"/>
        <source>Title</source>
        <translation>曲名</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Composer</source>
        <translation>作曲者</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+113"/>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Duration</source>
        <translation>長さ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Match</source>
        <translation>一致度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clamp2_desktop/main_window.py" line="+143"/>
        <source>Main</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search in any language — “melancholic waltz”, “canción de cuna”, “欢快的舞曲”…</source>
        <translation>どの言語でも検索できます —「切ないワルツ」「melancholic waltz」「canción de cuna」…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan</source>
        <translation>再スキャン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable files</source>
        <translation>読み込めないファイル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag my library</source>
        <translation>ライブラリにタグ付け</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest genre, mood, ensemble, era, form and region tags for every piece</source>
        <translation>すべての曲にジャンル・ムード・編成・時代・形式・地域のタグを提案します</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review tags…</source>
        <translation>タグを確認…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official CLaMP 2 model…</source>
        <translation>公式 CLaMP 2 モデルを入手…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>公式 CLaMP 2 モデルをインポートまたはダウンロード（101 言語、約 1.5 GB）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the bundled default model</source>
        <translation>同梱の既定モデルを使う</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fine-tune on my library…</source>
        <translation>ライブラリでモデルを微調整…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your own tags, titles and folder names</source>
        <translation>自分のタグ・曲名・フォルダー名をモデルに覚えさせます</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Filter by title, composer or file name</source>
        <translation>曲名・作曲者・ファイル名で絞り込み</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+325"/>
        <source>Type a description of the music you want, in any language.</source>
        <translation>探している音楽の雰囲気を、どの言語でも入力してください。</translation>
    </message>
    <message>
        <location line="-315"/>
        <source>Drop MIDI or ABC files onto the window, or choose “Find similar” on a piece.</source>
        <translation>MIDIファイルやABCファイルをウィンドウにドロップするか、曲の「似た曲を探す」を選んでください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar pieces</source>
        <translation>似た曲</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loading model…</source>
        <translation>モデルを読み込み中…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel scan</source>
        <translation>スキャンを中止</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your library is empty</source>
        <translation>ライブラリはまだ空です</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a folder of MIDI and ABC files, or start with the demo library: Irish dances, airs and Bach chorales, all public domain.</source>
        <translation>MIDIファイルやABCファイルのフォルダーを追加するか、デモライブラリから始めましょう。アイルランドのダンス曲やエア、バッハのコラールなど、すべてパブリックドメインの曲です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo library</source>
        <translation>デモライブラリを開く</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n piece(s)</source>
        <translation>
            <numerusform>%n曲</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>All pieces (%n)</source>
        <translation>
            <numerusform>すべての曲 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folders</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Unreadable files (%n)</source>
        <translation>
            <numerusform>読み込めないファイル (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+25"/>
        <source>Model: {0} · {1}</source>
        <translation>モデル：{0} · {1}</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>{0}-dimensional embeddings; library {1}</source>
        <translation>{0}次元の埋め込み・ライブラリ {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Now using the model {0}.</source>
        <translation>モデル {0} を使用中です。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now using the model {0}; embedding your library for it in the background…</source>
        <translation>モデル {0} を使用中です。ライブラリをバックグラウンドで埋め込み直しています…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>No model loaded</source>
        <translation>モデル未読み込み</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The app goes on with the model {0}.</source>
        <translation>アプリは引き続きモデル {0} を使います。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No model is loaded; choose one in Settings.</source>
        <translation>モデルが読み込まれていません。設定で選んでください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model could not be loaded:
{0}

{1}</source>
        <translation>モデルを読み込めませんでした:
{0}

{1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model could not be loaded:
{0}

You can still browse the library; choose a model in Settings.</source>
        <translation>モデルを読み込めませんでした：
{0}

ライブラリの閲覧はできます。「設定」でモデルを選んでください。</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n result(s) for “{0}” · model {1}</source>
        <translation>
            <numerusform>「{0}」の検索結果 %n件 · モデル {1}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No results for “{0}”. The library may be empty.</source>
        <translation>「{0}」に一致する曲はありません。ライブラリが空なのかもしれません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the library</source>
        <translation>ライブラリ内の曲</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not in the library, analysed just now</source>
        <translation>ライブラリ外・その場で解析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pieces similar to {0} ({1}) · model {2}</source>
        <translation>{0} に似た曲（{1}）· モデル {2}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Suggested tags for {0} of {1} pieces; review them with “Review tags…”.</source>
        <translation>{1} 曲中 {0} 曲にタグを提案しました。「タグを確認…」で確認してください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tagging the library…</source>
        <translation>ライブラリにタグ付け中…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Searching for “{0}”…</source>
        <translation>「{0}」を検索中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking for similar pieces…</source>
        <translation>似た曲を探しています…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a music folder</source>
        <translation>音楽フォルダーを追加</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo library is not installed.</source>
        <translation>デモライブラリがインストールされていません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scanning needs a model; it is still loading or could not be loaded (see Settings).</source>
        <translation>スキャンにはモデルが必要です。モデルはまだ読み込み中か、読み込めませんでした（「設定」を確認してください）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scanning {0}…</source>
        <translation>{0} をスキャン中…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling the scan after the current batch…</source>
        <translation>現在のバッチが終わりしだいスキャンを中止します…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%v / %m files</source>
        <translation>%v / %m ファイル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%v / %m pieces</source>
        <translation>%v / %m 曲</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Scan cancelled: {0} files read, {1} pieces added so far.</source>
        <translation>スキャンを中止しました（読み込み済み {0} ファイル、追加済み {1} 曲）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan finished: {0} new, {1} changed, {2} moved, {3} removed, {4} unreadable.</source>
        <translation>スキャン完了：新規 {0}、変更 {1}、移動 {2}、削除 {3}、読み込み不可 {4}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scan stopped:
{0}</source>
        <translation>スキャンが停止しました：
{0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The new device or language takes effect the next time CLaMP 2 Desktop starts.</source>
        <translation>新しいデバイスまたは言語は、次回 CLaMP 2 Desktop を起動したときに有効になります。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>A model is already being loaded; try again when it is done.</source>
        <translation>すでにモデルを読み込み中です。終わってからもう一度お試しください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopping the scan first; then switching to the model {0}…</source>
        <translation>まずスキャンを止めてから、モデル {0} に切り替えます…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>bundled default</source>
        <translation>同梱の既定モデル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading model {0}…</source>
        <translation>モデル {0} を読み込み中…</translation>
    </message>
</context>
<context>
    <name>OfficialModelDialog</name>
    <message>
        <location filename="../../clamp2_desktop/model_dialogs.py" line="+89"/>
        <source>Cancelled; nothing was imported.</source>
        <translation>キャンセルしました。何もインポートされていません。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Get the official CLaMP 2 model</source>
        <translation>公式 CLaMP 2 モデルを入手</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;The official CLaMP 2 model&lt;/b&gt; is the model published by its authors. It is larger and more accurate than the small model that comes with the app, and it understands descriptions in 101 languages.&lt;br&gt;&lt;br&gt;It is about 1.5 GB (the checkpoint plus the XLM-R tokenizer files) and needs more memory and time to embed your library. The app never downloads it by itself: import the files if you already have them, or click Download.</source>
        <translation>&lt;b&gt;公式 CLaMP 2 モデル&lt;/b&gt;は、作者が公開しているモデルです。アプリに付属する小さなモデルより大きく精度が高く、101 言語の説明文を理解します。&lt;br&gt;&lt;br&gt;サイズは約 1.5 GB（チェックポイントと XLM-R トークナイザーのファイル）で、ライブラリの埋め込みにはより多くのメモリと時間がかかります。アプリが自動でダウンロードすることはありません。ファイルをお持ちならインポートし、なければ「ダウンロード」をクリックしてください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name in your library:</source>
        <translation>ライブラリでの名前:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The official .pth file, or a model folder</source>
        <translation>公式の .pth ファイル、またはモデルのフォルダー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File…</source>
        <translation>ファイル…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Folder…</source>
        <translation>フォルダー…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Beside the checkpoint (default)</source>
        <translation>チェックポイントと同じ場所（既定）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import from files</source>
        <translation>ファイルからインポート</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checkpoint:</source>
        <translation>チェックポイント:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XLM-R tokenizer:</source>
        <translation>XLM-R トークナイザー:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import files you already have</source>
        <translation>お持ちのファイルをインポート</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The checkpoint of sander-wood/clamp2 and the tokenizer of FacebookAI/xlm-roberta-base, about 1.5 GB in all. An interrupted download resumes where it stopped.</source>
        <translation>sander-wood/clamp2 のチェックポイントと FacebookAI/xlm-roberta-base のトークナイザー、合計約 1.5 GB。中断したダウンロードは止まったところから再開します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Download it from Hugging Face</source>
        <translation>Hugging Face からダウンロード</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+165"/>
        <source>Use it now and re-embed my library</source>
        <translation>今すぐ使い、ライブラリを埋め込み直す</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>Not now</source>
        <translation>今はしない</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the official CLaMP 2 checkpoint</source>
        <translation>公式 CLaMP 2 チェックポイントを選択</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 checkpoints (*.pth);;All files (*)</source>
        <translation>CLaMP 2 チェックポイント (*.pth);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a model folder</source>
        <translation>モデルのフォルダーを選択</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the folder with the XLM-R tokenizer files</source>
        <translation>XLM-R トークナイザーのファイルがあるフォルダーを選択</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking and importing {0}… (nothing in the file can run)</source>
        <translation>{0} を確認してインポート中…（ファイル内のものが実行されることはありません）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to Hugging Face…</source>
        <translation>Hugging Face に接続中…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Download cancelled; nothing was imported. What was received is kept, so downloading again resumes.</source>
        <translation>ダウンロードをキャンセルしました。何もインポートされていません。受信済みの分は保持されるので、再度ダウンロードすると続きから再開します。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloaded; checking and importing the model…</source>
        <translation>ダウンロード完了。モデルを確認してインポートしています…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}: {1} of {2}</source>
        <translation>{0}: {1} / {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the checkpoint…</source>
        <translation>チェックポイントをダウンロード中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the tokenizer…</source>
        <translation>トークナイザーをダウンロード中…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported.</source>
        <translation>インポートしました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model was already imported.</source>
        <translation>このモデルはすでにインポートされています。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text search works with this model.</source>
        <translation>このモデルでテキスト検索ができます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model has no text tokenizer: it can find similar pieces but cannot search by text. Import it again with the XLM-R tokenizer folder.</source>
        <translation>このモデルにはテキストのトークナイザーがありません。似た曲は探せますが、テキストでは検索できません。XLM-R トークナイザーのフォルダーを指定してもう一度インポートしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use it now and re-embed your library? Your {0} pieces are embedded again in the background; until then, search finds only the pieces done so far.</source>
        <translation>今すぐ使い、ライブラリを埋め込み直しますか？{0} 曲をバックグラウンドで埋め込み直します。それまでは、処理済みの曲だけが検索されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use it now? The pieces you add to your library are embedded with it.</source>
        <translation>今すぐ使いますか？ライブラリに追加する曲はこのモデルで埋め込まれます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1}-dimensional embeddings · music tower: {2} layers, hidden {3} · text tower: {4}, {5} layers</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1} 次元の埋め込み · 音楽タワー: {2} 層、隠れ次元 {3} · テキストタワー: {4}、{5} 層</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use it now</source>
        <translation>今すぐ使う</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Finishing the import; the dialog closes when it is done.</source>
        <translation>インポートを完了しています。終わるとダイアログが閉じます。</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../clamp2_desktop/player_bar.py" line="+79"/>
        <source>Play / pause (Space)</source>
        <translation>再生 / 一時停止（スペース）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switch between the dropped piece (A) and the result (B) at the same moment</source>
        <translation>ドロップした曲（A）と結果の曲（B）を同じ位置で切り替え</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to play — double-click a result, or press Play on a piece</source>
        <translation>結果をダブルクリックするか「再生」を押すと再生できます</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>built-in synthesizer</source>
        <translation>内蔵シンセサイザー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing on: {0}</source>
        <translation>再生先：{0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/app_settings.py" line="+54"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add folder…</source>
        <translation>フォルダーを追加…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove folder</source>
        <translation>フォルダーを外す</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundled default model</source>
        <translation>同梱の標準モデル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A model name, a model folder or an official .pth file. A new model is loaded when you click OK, and your library is embedded for it in the background.</source>
        <translation>モデル名、モデルのフォルダー、または公式の .pth ファイル。OK をクリックすると新しいモデルを読み込み、ライブラリをバックグラウンドで埋め込み直します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official model…</source>
        <translation>公式モデルを入手…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>公式 CLaMP 2 モデルをインポートまたはダウンロード（101 言語、約 1.5 GB）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Automatic (GPU if available)</source>
        <translation>自動（利用できればGPU）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Built-in synthesizer</source>
        <translation>内蔵シンセサイザー</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library folders:</source>
        <translation>ライブラリのフォルダー：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>モデル：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>デバイス：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIDI output:</source>
        <translation>MIDI出力：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>言語：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a music folder</source>
        <translation>音楽フォルダーを追加</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a model</source>
        <translation>モデルを選択</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 models (*.pth config.json)</source>
        <translation>CLaMP 2 モデル (*.pth config.json)</translation>
    </message>
</context>
<context>
    <name>TagReviewDialog</name>
    <message>
        <location filename="../../clamp2_desktop/tag_review.py" line="+41"/>
        <source>Review tag suggestions</source>
        <translation>タグの提案を確認</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Piece</source>
        <translation>曲</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag</source>
        <translation>タグ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vocabulary</source>
        <translation>語彙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>出所</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>信頼度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept</source>
        <translation>採用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject</source>
        <translation>却下</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All vocabularies</source>
        <translation>すべての語彙</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>確認待ちの提案 %n 件</numerusform>
        </translation>
    </message>
</context>
</TS>
