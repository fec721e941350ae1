"""ABC: tune splitting, decoding, and the official interleaving (byte-exact on the fixtures)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from clamp2_engine.errors import AbcFileError
from clamp2_engine.formats.abc import (
    LABEL_FREE_DROP_FIELDS,
    LABEL_FREE_KEEP_FIELDS,
    OFFICIAL_DROP_FIELDS,
    decode_abc_bytes,
    interleave_abc,
    interleave_abc_report,
    read_abc,
    split_tunes,
)

DATA = Path(__file__).parent / "data" / "abc"
FIXTURE_NAMES = ["a01_reel", "a02_two_voice", "a03_three_voice_lyrics", "a04_long_exact1024"]


def _raw(reference_dir: Path, name: str) -> str:
    return (reference_dir / "inputs" / "abc_raw" / f"{name}.abc").read_text(encoding="utf-8")


def _expected(reference_dir: Path, name: str) -> str:
    return (reference_dir / "expected" / "abc_interleaved" / f"{name}.abc").read_text(encoding="utf-8")


def _bar_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.startswith("[V:")]


# ----------------------------------------------------------- official fixtures


@pytest.mark.parametrize("name", [n for n in FIXTURE_NAMES if n != "a01_reel"])
def test_fixture_interleaving_is_identical_to_official(reference_dir, name):
    assert interleave_abc(_raw(reference_dir, name)) == _expected(reference_dir, name)


def test_a01_reel_keeps_every_bar_and_shares_official_bars(reference_dir):
    ours = interleave_abc(_raw(reference_dir, "a01_reel"))
    official = _expected(reference_dir, "a01_reel")
    # Same header lines.
    assert [ln for ln in ours.splitlines() if not ln.startswith("[V:")] == [
        ln for ln in official.splitlines() if not ln.startswith("[V:")
    ]
    # The official pipeline (abctoolkit 0.0.4) keeps only the first 3 bars; the
    # bars it does keep are identical, byte for byte, to ours.
    ours_bars, official_bars = _bar_lines(ours), _bar_lines(official)
    assert len(official_bars) == 3
    assert ours_bars[: len(official_bars)] == official_bars
    # We keep all 9 bars of the tune, with repeats and volta endings.
    assert ours_bars == [
        "[V:1]d2 fd Adfd|",
        "[V:1]g2 bg fgaf|",
        "[V:1]e2 ce Acec|",
        "[V:1]dfed cBAG::",
        "[V:1]FAdf afdf|",
        "[V:1]gbag fgaf|",
        "[V:1]e2 ce Acec|1",
        "[V:1]dfed d4:|2",
        "[V:1]dfed d2 z2|]",
    ]


@pytest.mark.parametrize("name", ["quartet_xml2abc", "duet_xml2abc"])
def test_matches_recorded_official_output_on_more_xml2abc_files(name):
    """Outputs recorded by running the official abc_pipeline (abctoolkit 0.0.4) on these files.

    They cover what the fixtures do not: inline-field prefixes, ``|:`` left
    barlines, ``|1``/``:|2`` voltas, rest bars stripped at both ends, inline
    key/metre changes, escaped quotes, a quoted string holding a barline (and
    the official quirk that then keeps the escaped quotes), ``%%MIDI`` lines.
    """
    raw = (DATA / f"{name}.abc").read_text(encoding="utf-8")
    assert interleave_abc(raw) == (DATA / "official" / f"{name}.abc").read_text(encoding="utf-8")


def test_leading_rest_bar_is_stripped_with_official_barline_rule():
    out = interleave_abc((DATA / "quartet_xml2abc.abc").read_text(encoding="utf-8"))
    first = _bar_lines(out)[0]
    # z8 is gone; like the official code, the first bar takes the voice's
    # original left barline (none), so the |: that followed z8 is lost too.
    assert first.startswith('[V:1]!p!"^dolce" B2 dc B2 F2|[V:2]D2 FE D2 D2|')


# ------------------------------------------------------------------ splitting


def test_split_tunes_reads_numbers_titles_fields_and_lines():
    tunes = read_abc(DATA / "folk_book.abc")
    assert [t.index for t in tunes] == [0, 1, 2]
    assert [t.x for t in tunes] == [1, 2, 3]
    assert [t.title for t in tunes] == ["The Tidy Kitchen", "Waltz for Anna", "Slow Air"]
    assert [t.composer for t in tunes] == ["Trad.", "A. Fiddler", None]
    assert [t.line for t in tunes] == [9, 19, 33]
    first = tunes[0]
    assert first.fields["T"] == ["The Tidy Kitchen", "Kitchen Reel"]
    assert first.fields["R"] == ["reel"]  # the tune's own R: wins over the file header's
    assert first.fields["M"] == ["4/4"] and first.fields["K"] == ["G"]
    assert first.fields["O"] == ["Nowhere"]  # inherited from the file header
    assert tunes[1].fields["R"] == ["various"]
    assert tunes[1].fields["L"] == ["1/4"]
    assert first.text.startswith("X:1\nT:The Tidy Kitchen\n")


def test_file_header_fields_apply_to_every_tune():
    tunes = read_abc(DATA / "folk_book.abc")
    assert tunes[0].inherited == ("O:Nowhere", "L:1/8", "I:linebreak $")  # R: set by the tune itself
    assert tunes[1].inherited == ("O:Nowhere", "R:various", "I:linebreak $")  # L: set by the tune
    out = interleave_abc(tunes[0].effective_text)
    assert out.splitlines()[:3] == ["O:Nowhere", "L:1/8", "I:linebreak $"]


def test_text_without_x_field_but_with_k_is_one_tune():
    tunes = split_tunes("T:Lonely\nM:2/4\nK:D\nd2 f2|a4|]\n")
    assert len(tunes) == 1
    assert tunes[0].x is None and tunes[0].title == "Lonely" and tunes[0].line == 1


def test_text_without_x_and_without_k_has_no_tune():
    assert split_tunes("just some notes\nabc def\n") == []


def test_free_text_after_a_tune_is_not_part_of_it():
    text = "X:1\nT:A\nK:C\nCDEF|GABc|]\n\nThis tune was collected in 1900\nfrom a fiddler.\n\nX:2\nT:B\nK:C\nc4|]\n"
    tunes = split_tunes(text)
    assert "fiddler" not in tunes[0].text
    assert tunes[1].line == 9


def test_blank_line_inside_a_tune_keeps_the_music_after_it():
    tunes = split_tunes("X:1\nK:C\nCDEF|GABc|\n\ncBAG|FEDC|]\n")
    assert "cBAG" in tunes[0].text
    assert len(_bar_lines(interleave_abc(tunes[0].text))) == 4


def test_x_number_with_spaces_and_missing_number():
    tunes = split_tunes("X: 80\nK:C\nC4|]\nX:\nK:C\nD4|]\n")
    assert [t.x for t in tunes] == [80, None]


# ------------------------------------------------------------------- decoding


def test_utf8_with_bom_is_read():
    text, encoding, warnings = decode_abc_bytes("\ufeffX:1\nT:Café\nK:C\nC|]\n".encode("utf-8"))
    assert text.startswith("X:1") and "Café" in text and encoding == "utf-8-sig" and not warnings


def test_latin1_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "latin.abc"
    path.write_bytes("X:1\nT:Chanson d'été\nC:Müller\nK:G\nGABc|d4|]\n".encode("latin-1"))
    tunes = read_abc(path)
    assert tunes[0].title == "Chanson d'été" and tunes[0].composer == "Müller"
    assert tunes[0].warnings and "not valid UTF-8" in tunes[0].warnings[0]


def test_windows_1252_quotes_decode_to_real_characters():
    text, encoding, _ = decode_abc_bytes(b"X:1\nT:\x93Quoted\x94\nK:C\nC|]\n")
    assert encoding == "cp1252" and "\u201cQuoted\u201d" in text


# ------------------------------------------------------------ implicit voice


def test_tune_without_voice_is_read_as_implicit_v1_like_official_with_v1_inserted():
    without = "X:1\nT:Jig\nM:6/8\nL:1/8\nK:D\nAFD DFA|BGB AFD|\nAFD DFA|G2E E3|]\n"
    with_v1 = "X:1\nT:Jig\nM:6/8\nL:1/8\nK:D\nV:1\nAFD DFA|BGB AFD|\nAFD DFA|G2E E3|]\n"
    report = interleave_abc_report(without)
    assert report.implicit_voice and report.voices == ("V:1",)
    assert report.text == interleave_abc(with_v1)
    assert report.text == "M:6/8\nL:1/8\nK:D\n[V:1]AFD DFA|\n[V:1]BGB AFD|\n[V:1]AFD DFA|\n[V:1]G2E E3|]\n"


def test_music21_style_single_voice_tune_features():
    tunes = read_abc(DATA / "folk_book.abc")
    waltz = interleave_abc_report(tunes[1].effective_text)
    bars = _bar_lines(waltz.text)
    # Line continuation "\" joined, lyrics dropped, body P: and inline [M:] kept as inline fields.
    assert "[V:1]A|" == bars[0]
    assert '[V:1][P:B]"D"f2 f|' in bars
    assert '[V:1][M:2/4]"G"g g|' in bars
    assert not any("\\" in b or "w:" in b for b in bars)
    assert bars[-1] == '[V:1]"D"d3|]'
    assert len(bars) == 13


def test_repeat_end_then_repeat_start_on_next_line_become_one_double_repeat():
    reel = interleave_abc(read_abc(DATA / "folk_book.abc")[0].effective_text)
    bars = _bar_lines(reel)
    assert bars[0] == '[V:1]|:"G"dBGB dBGB|'
    assert '[V:1]"D"afge dBAF::' in bars
    assert bars[-3:] == ['[V:1]"C"~c3B cdef|1', '[V:1]"D"gfed cBAF:|2', '[V:1]"D"gfed d2z2|]']


def test_last_bar_without_barline_is_kept_and_closed():
    air = interleave_abc(read_abc(DATA / "folk_book.abc")[2].effective_text)
    assert _bar_lines(air)[-1] == "[V:1]A12|"
    assert len(_bar_lines(air)) == 8


def test_bracket_volta_becomes_barline_volta():
    out = interleave_abc("X:1\nK:C\n|:CDEF|[1 GABc:|[2 cBAG|]\n")
    assert _bar_lines(out) == ["[V:1]|:CDEF|1", "[V:1]GABc:|2", "[V:1]cBAG|]"]


def test_music_without_barlines_uses_line_breaks_as_bars():
    report = interleave_abc_report("X:1\nL:1/4\nK:Gdor\nG2 B2 A2 G2 d3 c\nz A2 G F G2 F2\nz c2 B A B G2\n")
    assert _bar_lines(report.text) == ["[V:1]G2 B2 A2 G2 d3 c|", "[V:1]z A2 G F G2 F2|", "[V:1]z c2 B A B G2|"]
    assert any("barlines" in w for w in report.warnings)


def test_comments_and_trailing_comments_are_removed_from_the_body():
    out = interleave_abc("X:1\nK:C\nCDEF|GABc| % first phrase\n% a full-line comment\n%%vskip 10\ncBAG|C4|]\n")
    assert _bar_lines(out) == ["[V:1]CDEF|", "[V:1]GABc|", "[V:1]cBAG|", "[V:1]C4|]"]


def test_non_field_text_in_the_header_is_ignored_with_a_warning():
    # Seen in real collections: a tempo written without its Q: field.
    report = interleave_abc_report("X:1\nT:Air\nM:6/8\n3/8=120\nK:D\nf/e/|d2A (B/c/d)A|]\n")
    assert report.text == "M:6/8\nK:D\n[V:1]f/e/|\n[V:1]d2A (B/c/d)A|]\n"
    assert any("3/8=120" in w for w in report.warnings)


def test_percent_inside_a_quoted_annotation_is_not_a_comment():
    out = interleave_abc('X:1\nK:C\n"^50% slower"CDEF|GABc|]\n')
    assert _bar_lines(out)[0] == '[V:1]"^50% slower"CDEF|'


# ------------------------------------------------------------- several voices


def test_voice_blocks_repeated_per_system_are_concatenated():
    text = (
        "X:1\nM:2/4\nL:1/8\nK:C\nV:1\nV:2 clef=bass\n"
        "V:1\nCDEF|GABc|\nV:2\nC,4|G,4|\n"
        "V:1\ncBAG|C4|]\nV:2\nE,4|C,4|]\n"
    )
    assert _bar_lines(interleave_abc(text)) == [
        "[V:1]CDEF|[V:2]C,4|",
        "[V:1]GABc|[V:2]G,4|",
        "[V:1]cBAG|[V:2]E,4|",
        "[V:1]C4|][V:2]C,4|]",
    ]


def test_inline_voice_switches_at_line_start():
    text = "X:1\nK:C\n[V:S] CDEF|GABc|]\n[V:B] C,4|G,,4|]\n"
    report = interleave_abc_report(text)
    assert report.voices == ("V:S", "V:B")
    assert _bar_lines(report.text) == ["[V:S]CDEF|[V:B]C,4|", "[V:S]GABc|][V:B]G,,4|]"]


@pytest.mark.parametrize("name", ["a02_two_voice", "a03_three_voice_lyrics", "a01_reel"])
def test_already_interleaved_text_is_a_fixed_point(reference_dir, name):
    once = interleave_abc(_raw(reference_dir, name))
    assert interleave_abc(once) == once


def test_interleaving_a_book_is_a_fixed_point_too():
    for tune in read_abc(DATA / "folk_book.abc") + read_abc(DATA / "quartet_xml2abc.abc"):
        once = interleave_abc(tune.effective_text)
        assert interleave_abc(once) == once


def test_body_voice_line_with_properties_moves_its_definition_to_the_header():
    text = "X:1\nK:C\nV:T1 clef=treble name=\"Tenor\"\nCDEF|G4|]\nV:B1 clef=bass\nC,4|C,4|]\n"
    out = interleave_abc(text)
    assert out.splitlines()[:3] == ["K:C", 'V:T1 clef=treble name="Tenor"', "V:B1 clef=bass"]
    assert _bar_lines(out)[0] == "[V:T1]CDEF|[V:B1]C,4|"


def test_voices_with_different_bar_counts_are_padded_with_a_warning():
    report = interleave_abc_report("X:1\nK:C\nV:1\nCDEF|GABc|c4|]\nV:2\nC,4|G,4|]\n")
    assert _bar_lines(report.text)[-2:] == ["[V:1]GABc|[V:2]G,4|", "[V:1]c4|][V:2]|]"]
    assert any("padded" in w for w in report.warnings)


# ------------------------------------------------------------ drop fields


def test_official_drop_fields_remove_title_composer_lyrics_and_midi():
    out = interleave_abc(_raw_text := "X:3\nT:Title\nC:Someone\nO:Ireland\nR:reel\nZ:me\n%%MIDI program 1\n"
                         "M:4/4\nL:1/8\nK:G\nV:1\nGABc dedB|]\nw:la la\nW:words\n")
    assert OFFICIAL_DROP_FIELDS == ("X:", "T:", "C:", "W:", "w:", "Z:", "%%MIDI")
    assert out == "O:Ireland\nR:reel\nM:4/4\nL:1/8\nK:G\n[V:1]GABc dedB|]\n"
    assert "T:" in _raw_text


def test_label_free_fields_keep_only_what_shapes_the_music():
    text = (
        "X:3\nT:Title\nC:Someone\nO:Ireland\nR:reel\nB:Book\nN:note\nS:source\nH:history\nA:area\nG:group\n"
        "D:disc\nF:file\nI:linebreak $\nP:AB\nZ:me\n% a comment\n%%MIDI program 1\n%%score 1 2\n"
        "M:4/4\nL:1/8\nQ:1/4=120\nK:G\nV:1 clef=treble\nGABc dedB|]\nw:la la\n"
    )
    out = interleave_abc(text, drop_fields=LABEL_FREE_DROP_FIELDS, keep_fields=LABEL_FREE_KEEP_FIELDS)
    assert out == "%%score 1 2\nM:4/4\nL:1/8\nQ:1/4=120\nK:G\nV:1 clef=treble\n[V:1]GABc dedB|]\n"


def test_field_continuation_follows_its_dropped_field():
    out = interleave_abc("X:1\nT:Long title\n+:continued\nM:2/4\nK:C\nC4|]\n")
    assert "continued" not in out


# ------------------------------------------------------------------- errors


def test_tune_with_only_rests_is_an_error_with_its_line():
    with pytest.raises(AbcFileError, match="no notes") as info:
        interleave_abc_report("X:1\nK:C\nz4|z4|]\n", path="rests.abc", line_offset=10)
    assert info.value.position == "line 13"


def test_tune_with_only_a_header_is_an_error():
    with pytest.raises(AbcFileError, match="no music"):
        interleave_abc("X:1\nT:Empty\nM:4/4\nK:C\n")


def test_read_abc_on_an_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.abc"
    path.write_bytes(b"")
    with pytest.raises(AbcFileError, match="empty file"):
        read_abc(path)


def test_read_abc_on_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(AbcFileError, match="cannot read"):
        read_abc(tmp_path / "nope.abc")


def test_interleaved_output_has_one_line_per_bar_and_ends_with_newline():
    out = interleave_abc((DATA / "quartet_xml2abc.abc").read_text(encoding="utf-8"))
    assert out.endswith("\n")
    for line in _bar_lines(out):
        assert re.fullmatch(r"(\[V:\d\][^\[]?.*?)+", line)
        assert line.count("[V:") >= 4
