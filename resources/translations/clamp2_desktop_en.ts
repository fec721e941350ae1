<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ErrorsDialog</name>
    <message numerus="yes">
        <location filename="../../clamp2_desktop/widgets.py" line="+216"/>
        <source>%n file(s) could not be read. They are skipped; the rest of the library is fine.</source>
        <translation>
            <numerusform>%n file could not be read. It is skipped; the rest of the library is fine.</numerusform>
            <numerusform>%n files could not be read. They are skipped; the rest of the library is fine.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../clamp2_desktop/main_window.py" line="+360"/>
        <source>%n piece(s)</source>
        <translation>
            <numerusform>%n piece</numerusform>
            <numerusform>%n pieces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>All pieces (%n)</source>
        <translation>
            <numerusform>All pieces (%n)</numerusform>
            <numerusform>All pieces (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>Unreadable files (%n)</source>
        <translation>
            <numerusform>Unreadable files (%n)</numerusform>
            <numerusform>Unreadable files (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+107"/>
        <source>%n result(s) for “{0}” · model {1}</source>
        <translation>
            <numerusform>%n result for “{0}” · model {1}</numerusform>
            <numerusform>%n results for “{0}” · model {1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagReviewDialog</name>
    <message numerus="yes">
        <location filename="../../clamp2_desktop/tag_review.py" line="+96"/>
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n suggestion to review</numerusform>
            <numerusform>%n suggestions to review</numerusform>
        </translation>
    </message>
</context>
</TS>
