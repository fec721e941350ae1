<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+106"/>
        <source>Composer:</source>
        <translation>作曲家：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration:</source>
        <translation>时长：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a tag and press Enter</source>
        <translation>输入标签后按回车键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find similar</source>
        <translation>查找相似曲目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a piece to see its details</source>
        <translation>选择一首曲目以查看详情</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>rhythm</source>
        <translation>节奏</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>metre</source>
        <translation>拍号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>key</source>
        <translation>调性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tracks</source>
        <translation>音轨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tempo</source>
        <translation>速度</translation>
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
        <translation>自动</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>suggested</source>
        <translation>推荐</translation>
    </message>
</context>
<context>
    <name>EngineService</name>
    <message>
        <location filename="../../clamp2_desktop/engine_service.py" line="+103"/>
        <source>No model is loaded, so the library cannot be searched yet.</source>
        <translation>尚未加载模型，暂时无法搜索曲库。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The model “{0}” has no text tokenizer, so it cannot search by text; drop a file to find similar pieces instead.</source>
        <translation>模型“{0}”没有文本分词器，无法按文字搜索；请改为拖入文件来查找相似曲目。</translation>
    </message>
</context>
<context>
    <name>ErrorsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/widgets.py" line="+25"/>
        <source>Unreadable files</source>
        <translation>无法读取的文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n file(s) could not be read. They are skipped; the rest of the library is fine.</source>
        <translation>
            <numerusform>有 %n 个文件无法读取，已跳过；曲库的其余部分不受影响。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <location filename="../../clamp2_desktop/finetune_dialog.py" line="+82"/>
        <source>Fine-tune on my library</source>
        <translation>用我的曲库微调模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Teach the model your own words: it learns from the tags you gave or accepted, titles, comments in ABC files and folder names. Your current model stays as it is; the result is a new model you can switch to, and back.</source>
        <translation>让模型学会你自己的用词：它会从你添加或接受的标签、曲名、ABC 文件中的注释以及文件夹名称中学习。你当前的模型保持不变；结果是一个新模型，你可以切换过去，也可以随时切换回来。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New model name:</source>
        <translation>新模型名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most:</source>
        <translation>最多：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time limit:</source>
        <translation>时间上限：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel training</source>
        <translation>取消训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the new model</source>
        <translation>使用新模型</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>个标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>titles</source>
        <translation>个曲名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>composers</source>
        <translation>位作曲家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ABC comments and fields</source>
        <translation>条 ABC 注释和字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file names</source>
        <translation>个文件名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder names</source>
        <translation>个文件夹名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of {1} pieces have something to learn from ({2}).&lt;br&gt;{3} pieces to learn from, {4} held back to measure the result.&lt;br&gt;Your tags: {5}</source>
        <translation>{1} 首曲目中有 &lt;b&gt;{0}&lt;/b&gt; 首可供学习（{2}）。&lt;br&gt;{3} 首用于学习，{4} 首留作检验效果。&lt;br&gt;你的标签：{5}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag a few more pieces first (at least {0} pieces need a tag, title or comment).</source>
        <translation>请先再给几首曲目添加标签（至少需要 {0} 首曲目带有标签、曲名或注释）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次完成后停止…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>epoch %1 of %2 — %p%</source>
        <translation>第 %1 / %2 轮 — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, loss {0:.3f}</source>
        <translation>，损失 {0:.3f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training{0}; about {1} left</source>
        <translation>训练中{0}；大约还需 {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reading pieces — %p%</source>
        <translation>正在读取曲目 — %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measuring on the held-back pieces…</source>
        <translation>正在用预留的曲目检验效果…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the new model…</source>
        <translation>正在写入新模型…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled. Your library and models are unchanged; Start resumes from the last finished epoch.</source>
        <translation>已取消。你的曲库和模型均未改变；点击“开始”将从最后完成的一轮继续。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No epoch found your held-back pieces better than the current model (score {0:.3f}), so no new model was made.</source>
        <translation>没有哪一轮比当前模型更能找到预留的曲目（得分 {0:.3f}），因此没有生成新模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done in {0}. Finding held-back pieces from their descriptions (MRR): {1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt; ({3:+.0f}%). Peak memory {4:.0f} MB.</source>
        <translation>用时 {0} 完成。根据描述找到预留曲目的能力（MRR）：{1:.3f} → &lt;b&gt;{2:.3f}&lt;/b&gt;（{3:+.0f}%）。内存峰值 {4:.0f} MB。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fine-tuning stopped: {0}</source>
        <translation>微调已停止：{0}</translation>
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
        <translation>作曲家</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+113"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Match</source>
        <translation>匹配度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clamp2_desktop/main_window.py" line="+143"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search in any language — “melancholic waltz”, “canción de cuna”, “欢快的舞曲”…</source>
        <translation>用任何语言搜索——“欢快的舞曲”“melancholic waltz”“canción de cuna”…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rescan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable files</source>
        <translation>无法读取的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tag my library</source>
        <translation>为音乐库添加标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggest genre, mood, ensemble, era, form and region tags for every piece</source>
        <translation>为每首乐曲推荐体裁、情绪、编制、时代、曲式和地区标签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review tags…</source>
        <translation>审阅标签…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official CLaMP 2 model…</source>
        <translation>获取官方 CLaMP 2 模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>导入或下载官方 CLaMP 2 模型（101 种语言，约 1.5 GB）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the bundled default model</source>
        <translation>使用内置的默认模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fine-tune on my library…</source>
        <translation>用我的曲库微调模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your own tags, titles and folder names</source>
        <translation>让模型学会你自己的标签、曲名和文件夹名称</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Filter by title, composer or file name</source>
        <translation>按曲名、作曲家或文件名筛选</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+325"/>
        <source>Type a description of the music you want, in any language.</source>
        <translation>用任何语言描述你想找的音乐。</translation>
    </message>
    <message>
        <location line="-315"/>
        <source>Drop MIDI or ABC files onto the window, or choose “Find similar” on a piece.</source>
        <translation>将 MIDI 或 ABC 文件拖入窗口，或在某首曲目上选择“查找相似曲目”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Library</source>
        <translation>曲库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Similar pieces</source>
        <translation>相似曲目</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel scan</source>
        <translation>取消扫描</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Your library is empty</source>
        <translation>你的曲库还是空的</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add a folder of MIDI and ABC files, or start with the demo library: Irish dances, airs and Bach chorales, all public domain.</source>
        <translation>添加一个包含 MIDI 和 ABC 文件的文件夹，或者先打开演示曲库：爱尔兰舞曲与慢板曲调、巴赫众赞歌，全部属于公有领域。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the demo library</source>
        <translation>打开演示曲库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%n piece(s)</source>
        <translation>
            <numerusform>%n 首曲目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>All pieces (%n)</source>
        <translation>
            <numerusform>全部曲目 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Unreadable files (%n)</source>
        <translation>
            <numerusform>无法读取的文件 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+25"/>
        <source>Model: {0} · {1}</source>
        <translation>模型：{0} · {1}</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>{0}-dimensional embeddings; library {1}</source>
        <translation>{0} 维嵌入向量；曲库 {1}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Now using the model {0}.</source>
        <translation>现在使用模型 {0}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now using the model {0}; embedding your library for it in the background…</source>
        <translation>现在使用模型 {0}；正在后台为它嵌入你的音乐库…</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The app goes on with the model {0}.</source>
        <translation>应用继续使用模型 {0}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No model is loaded; choose one in Settings.</source>
        <translation>没有加载模型；请在设置中选择一个。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model could not be loaded:
{0}

{1}</source>
        <translation>无法加载模型：
{0}

{1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model could not be loaded:
{0}

You can still browse the library; choose a model in Settings.</source>
        <translation>无法加载模型：
{0}

你仍然可以浏览曲库；请在“设置”中选择模型。</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n result(s) for “{0}” · model {1}</source>
        <translation>
            <numerusform>“{0}”的 %n 个结果 · 模型 {1}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No results for “{0}”. The library may be empty.</source>
        <translation>没有找到“{0}”的结果。曲库可能是空的。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the library</source>
        <translation>来自曲库</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not in the library, analysed just now</source>
        <translation>不在曲库中，刚刚完成分析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pieces similar to {0} ({1}) · model {2}</source>
        <translation>与 {0} 相似的曲目（{1}）· 模型 {2}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Suggested tags for {0} of {1} pieces; review them with “Review tags…”.</source>
        <translation>已为 {1} 首中的 {0} 首乐曲推荐标签；请通过“审阅标签…”查看。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tagging the library…</source>
        <translation>正在为音乐库添加标签…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Searching for “{0}”…</source>
        <translation>正在搜索“{0}”…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Looking for similar pieces…</source>
        <translation>正在查找相似曲目…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a music folder</source>
        <translation>添加音乐文件夹</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demo library is not installed.</source>
        <translation>未安装演示曲库。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scanning needs a model; it is still loading or could not be loaded (see Settings).</source>
        <translation>扫描需要模型；模型仍在加载中，或者无法加载（请查看“设置”）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Scanning {0}…</source>
        <translation>正在扫描 {0}…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling the scan after the current batch…</source>
        <translation>将在当前批次完成后取消扫描…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%v / %m files</source>
        <translation>%v / %m 个文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%v / %m pieces</source>
        <translation>%v / %m 首曲目</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Scan cancelled: {0} files read, {1} pieces added so far.</source>
        <translation>扫描已取消：已读取 {0} 个文件，已添加 {1} 首曲目。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan finished: {0} new, {1} changed, {2} moved, {3} removed, {4} unreadable.</source>
        <translation>扫描完成：新增 {0}，更改 {1}，移动 {2}，移除 {3}，无法读取 {4}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The scan stopped:
{0}</source>
        <translation>扫描已中止：
{0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The new device or language takes effect the next time CLaMP 2 Desktop starts.</source>
        <translation>新的设备或语言将在下次启动 CLaMP 2 Desktop 时生效。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>A model is already being loaded; try again when it is done.</source>
        <translation>已有模型正在加载；请在完成后再试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopping the scan first; then switching to the model {0}…</source>
        <translation>先停止扫描，然后切换到模型 {0}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>bundled default</source>
        <translation>内置默认模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loading model {0}…</source>
        <translation>正在加载模型 {0}…</translation>
    </message>
</context>
<context>
    <name>OfficialModelDialog</name>
    <message>
        <location filename="../../clamp2_desktop/model_dialogs.py" line="+89"/>
        <source>Cancelled; nothing was imported.</source>
        <translation>已取消；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Get the official CLaMP 2 model</source>
        <translation>获取官方 CLaMP 2 模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;The official CLaMP 2 model&lt;/b&gt; is the model published by its authors. It is larger and more accurate than the small model that comes with the app, and it understands descriptions in 101 languages.&lt;br&gt;&lt;br&gt;It is about 1.5 GB (the checkpoint plus the XLM-R tokenizer files) and needs more memory and time to embed your library. The app never downloads it by itself: import the files if you already have them, or click Download.</source>
        <translation>&lt;b&gt;官方 CLaMP 2 模型&lt;/b&gt;是其作者发布的模型。它比应用自带的小模型更大、更准确，能理解 101 种语言的描述。&lt;br&gt;&lt;br&gt;它约 1.5 GB（检查点加上 XLM-R 分词器文件），嵌入你的音乐库需要更多内存和时间。应用绝不会自行下载它：如果你已有这些文件，请导入；否则请点击“下载”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Name in your library:</source>
        <translation>在音乐库中的名称：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The official .pth file, or a model folder</source>
        <translation>官方 .pth 文件，或模型文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Beside the checkpoint (default)</source>
        <translation>与检查点同一位置（默认）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import from files</source>
        <translation>从文件导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XLM-R tokenizer:</source>
        <translation>XLM-R 分词器：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import files you already have</source>
        <translation>导入你已有的文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The checkpoint of sander-wood/clamp2 and the tokenizer of FacebookAI/xlm-roberta-base, about 1.5 GB in all. An interrupted download resumes where it stopped.</source>
        <translation>sander-wood/clamp2 的检查点和 FacebookAI/xlm-roberta-base 的分词器，共约 1.5 GB。中断的下载会从停止处继续。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Download it from Hugging Face</source>
        <translation>从 Hugging Face 下载</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+165"/>
        <source>Use it now and re-embed my library</source>
        <translation>立即使用并重新嵌入我的音乐库</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the official CLaMP 2 checkpoint</source>
        <translation>选择官方 CLaMP 2 检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 checkpoints (*.pth);;All files (*)</source>
        <translation>CLaMP 2 检查点 (*.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the folder with the XLM-R tokenizer files</source>
        <translation>选择包含 XLM-R 分词器文件的文件夹</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Checking and importing {0}… (nothing in the file can run)</source>
        <translation>正在检查并导入 {0}…（文件中的任何内容都不会被执行）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to Hugging Face…</source>
        <translation>正在连接 Hugging Face…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Download cancelled; nothing was imported. What was received is kept, so downloading again resumes.</source>
        <translation>下载已取消；未导入任何内容。已接收的部分会保留，再次下载时会继续。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Downloaded; checking and importing the model…</source>
        <translation>已下载；正在检查并导入模型…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}: {1} of {2}</source>
        <translation>{0}：{1} / {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the checkpoint…</source>
        <translation>正在下载检查点…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the tokenizer…</source>
        <translation>正在下载分词器…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model was already imported.</source>
        <translation>此模型已导入过。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text search works with this model.</source>
        <translation>此模型支持文本搜索。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This model has no text tokenizer: it can find similar pieces but cannot search by text. Import it again with the XLM-R tokenizer folder.</source>
        <translation>此模型没有文本分词器：它能查找相似的曲目，但不能按文本搜索。请连同 XLM-R 分词器文件夹重新导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use it now and re-embed your library? Your {0} pieces are embedded again in the background; until then, search finds only the pieces done so far.</source>
        <translation>立即使用并重新嵌入你的音乐库吗？你的 {0} 首曲目将在后台重新嵌入；在此之前，搜索只能找到已完成的曲目。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use it now? The pieces you add to your library are embedded with it.</source>
        <translation>立即使用吗？你添加到音乐库的曲目将用它来嵌入。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1}-dimensional embeddings · music tower: {2} layers, hidden {3} · text tower: {4}, {5} layers</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1} 维嵌入 · 音乐塔：{2} 层，隐藏维度 {3} · 文本塔：{4}，{5} 层</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use it now</source>
        <translation>立即使用</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Finishing the import; the dialog closes when it is done.</source>
        <translation>正在完成导入；完成后对话框会关闭。</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../clamp2_desktop/player_bar.py" line="+79"/>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格键）</translation>
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
        <translation>在拖入的曲目（A）与结果（B）之间切换，保持同一播放位置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to play — double-click a result, or press Play on a piece</source>
        <translation>没有可播放的曲目——双击结果，或点击“播放”</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>built-in synthesizer</source>
        <translation>内置合成器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Playing on: {0}</source>
        <translation>播放输出：{0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../clamp2_desktop/app_settings.py" line="+54"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove folder</source>
        <translation>移除文件夹</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundled default model</source>
        <translation>内置默认模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A model name, a model folder or an official .pth file. A new model is loaded when you click OK, and your library is embedded for it in the background.</source>
        <translation>模型名称、模型文件夹或官方 .pth 文件。点击“确定”时加载新模型，并在后台为它嵌入你的音乐库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get the official model…</source>
        <translation>获取官方模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import or download the official CLaMP 2 model (101 languages, about 1.5 GB)</source>
        <translation>导入或下载官方 CLaMP 2 模型（101 种语言，约 1.5 GB）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Automatic (GPU if available)</source>
        <translation>自动（如有 GPU 则使用 GPU）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Built-in synthesizer</source>
        <translation>内置合成器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library folders:</source>
        <translation>曲库文件夹：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MIDI output:</source>
        <translation>MIDI 输出：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add a music folder</source>
        <translation>添加音乐文件夹</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CLaMP 2 models (*.pth config.json)</source>
        <translation>CLaMP 2 模型 (*.pth config.json)</translation>
    </message>
</context>
<context>
    <name>TagReviewDialog</name>
    <message>
        <location filename="../../clamp2_desktop/tag_review.py" line="+41"/>
        <source>Review tag suggestions</source>
        <translation>审阅标签建议</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Piece</source>
        <translation>乐曲</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>All vocabularies</source>
        <translation>所有词表</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n 条建议待审阅</numerusform>
        </translation>
    </message>
</context>
</TS>
