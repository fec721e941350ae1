"""Hostile ABC: the tune splitter, the official preprocessing (interleaving) and the
patchilizer under property tests.

Every input ends in pieces or in documented :class:`AbcFileError` /
:class:`InputFileError` errors (one line each, naming the file), never an
internal error, a hang or a runaway allocation.  Inputs: random bytes, invalid
UTF-8, random Unicode, token soups of ABC syntax (fields, voices, inline
fields, bars, voltas, chords, grace notes, decorations, quotes, comments,
continuations), deep and unbalanced nesting, and mutated real tunes (the demo
library and the multi-voice test files).  The number of cases run is printed at
the end of the module (visible without ``-s``).
"""
from __future__ import annotations

import json
import time
import tracemalloc
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clamp2_engine import patches
from clamp2_engine.errors import AbcFileError
from clamp2_engine.formats.abc import tunes_from_bytes
from clamp2_engine.formats.abc_interleave import interleave_abc_report
from clamp2_engine.pieces import Preprocessing
from clamp2_engine.scanner import DiskFile, parse_file

import fuzz_support

ROOT = Path(__file__).resolve().parents[1]
HARD_LIMIT_S = 30.0
FUZZ = settings(deadline=timedelta(seconds=10), print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CASES: Counter[str] = Counter()


def fuzz(max_examples: int) -> settings:
    return settings(FUZZ, max_examples=max_examples)


def hard_time_limit(seconds: float = HARD_LIMIT_S):
    return fuzz_support.hard_time_limit(seconds)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz_abc")


# --------------------------------------------------------------------------- the property


def check_abc(data: bytes, work: Path, name: str = "case.abc") -> str:
    with hard_time_limit():
        tunes_ok = 0
        try:
            tunes = tunes_from_bytes(data, path="mem.abc")
        except AbcFileError as exc:
            assert str(exc).startswith("mem.abc") and "\n" not in str(exc), str(exc)
            tunes = []
        for tune in tunes:
            try:
                result = interleave_abc_report(tune.effective_text, path="mem.abc")
            except AbcFileError as exc:
                assert "\n" not in str(exc), str(exc)
                continue
            tunes_ok += 1
            ids = patches.encode(result.text)
            assert ids.ndim == 2 and ids.shape[1] == patches.PATCH_SIZE

        path = work / name
        path.write_bytes(data)
        parsed = parse_file(DiskFile(str(path), len(data), 0), Preprocessing())
    if parsed.error is not None:
        assert parsed.error_kind not in ("internal", None), f"internal error: {parsed.error}"
        assert "\n" not in parsed.error and not parsed.pieces
        assert tunes_ok == 0
        return "refused"
    assert parsed.pieces and len(parsed.pieces) == tunes_ok
    for piece in parsed.pieces:
        assert piece.format == "abc"
        json.dumps(piece.meta)
        patches.encode(piece.text)
    return "ok" if tunes_ok == len(tunes) else "partly"


def record(test: str, outcome: str) -> None:
    CASES[test] += 1
    CASES[f"{test}:{outcome}"] += 1


# --------------------------------------------------------------------------- generators

FIELDS = ["X:1", "X:", "X:2", "T:Title", "T:Tïtlé 曲名 عنوان", "C:Trad.", "M:6/8", "M:C|", "M:none", "M:",
          "L:1/8", "L:", "L:1/0", "Q:1/4=120", "Q:", "K:G", "K:Em", "K:", "K:none", "K:HP", "K:C clef=bass",
          "V:1", "V:2 clef=bass", "V:T1 name=\"Tenor\"", "V:", "P:A", "P:AB", "w:la la", "W:words", "R:reel",
          "%%score (1 2)", "%%MIDI program 1", "I:abc-charset utf-8", "N:notes", "Z:", "s:!p!", "+:more",
          "%comment", "%", "B:", "H:history", "r:remark"]
BODY = ["|", "||", "|:", ":|", "::", "|]", "[|", "[1", "[2", ":|2", "|1", "[1,3", ".|", "A", "B2", "c/2", "d3/",
        "e>f", "g<a", "z", "z4", "x", "Z", "Z4", "^c", "_B", "=F", "A,,", "c''", "[CEG]", "[CEG]2", "(3abc", "(3:2:3",
        "(AB)", "{g}A", "{/g}", "\"G\"", "\"^text\"", "\"", "!trill!", "!", "!!", "+p+", "~", ".", "-", "\\", "&",
        "y", "[V:1]", "[V:2]", "[K:D]", "[M:3/4]", "[L:1/16]", "[Q:1/4=90]", "[P:B]", "[", "]", "(", ")", "{", "}",
        "%", "% comment", " ", "\t", "$", "*", "#", "@", ";", "`", "\u00a0", "é", "音", "\U0001f3b5"]
PAIRS = {"[": "]", "(": ")", "{": "}", "\"": "\"", "!": "!", "+": "+"}


@st.composite
def abc_soup(draw) -> bytes:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 30))):
        if draw(st.integers(0, 2)) == 0:
            lines.append(draw(st.sampled_from(FIELDS)))
        else:
            lines.append("".join(draw(st.lists(st.sampled_from(BODY), min_size=1, max_size=30))))
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    if draw(st.booleans()):
        text = "X:1\nT:t\nM:4/4\nL:1/8\nK:C\n" + text
    return text.encode("utf-8")


@st.composite
def nested(draw) -> bytes:
    """Deep, unbalanced and interleaved nesting of every bracket ABC has."""
    opener = draw(st.sampled_from(list(PAIRS)))
    depth = draw(st.sampled_from([10, 1000, 100_000]))
    close = draw(st.booleans())
    inner = draw(st.sampled_from(["A", "AB|", "|", "[V:1]A", ""]))
    body = opener * depth + inner + (PAIRS[opener] * depth if close else "")
    if draw(st.booleans()):
        body = "".join(o + inner for o in draw(st.lists(st.sampled_from(list(PAIRS)), min_size=1, max_size=200)))
    return f"X:1\nT:deep\nM:4/4\nL:1/8\nK:C\n{body}|\n".encode()


def _seeds() -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted((ROOT / "resources" / "demo" / "abc").glob("*.abc"))[:12]]
    seeds += [p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "abc").glob("*.abc"))]
    return seeds


SEEDS = _seeds()
INSERTS = [b"\xff", b"\xfe\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\x00", b"\r", b"\n", b"\nX:9\n", b"\nV:3\n",
           b"[V:9]", b"K:", b"|", b"[", b"(", b"{", b"\"", b"!", b"\\\n", b"%", b"\xef\xbb\xbf", b"\x1b[2J", b"\t",
           "曲".encode(), b"\xf0\x9f\x8e\xb5", b"\xf0\x9f"]


@st.composite
def mutated_real_abc(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["insert", "insert", "token", "delete", "dup_line", "drop_line", "truncate",
                                   "flip"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "insert":
            data[pos:pos] = draw(st.sampled_from(INSERTS))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(BODY + FIELDS)).encode()
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 40))]
        elif op in ("dup_line", "drop_line"):
            start = data.rfind(b"\n", 0, pos) + 1
            end = data.find(b"\n", pos)
            end = len(data) if end < 0 else end + 1
            if op == "dup_line":
                data[start:start] = data[start:end] * draw(st.integers(1, 50))
            else:
                del data[start:end]
        elif op == "truncate":
            del data[pos:]
        elif op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


# --------------------------------------------------------------------------- the suites


@fuzz(150)
@given(st.binary(max_size=2048))
def test_random_bytes(work, data):
    record("random_bytes", check_abc(data, work))


@fuzz(150)
@given(st.text(max_size=400), st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-bom"]))
def test_random_unicode_in_any_encoding(work, text, encoding):
    text = "X:1\nK:C\n" + text
    if encoding == "utf-8-bom":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    else:
        data = text.encode(encoding, errors="replace")
    record("random_unicode", check_abc(data, work))


@fuzz(300)
@given(abc_soup())
def test_abc_token_soup(work, data):
    record("token_soup", check_abc(data, work))


@fuzz(40)
@given(nested())
def test_deep_and_unbalanced_nesting(work, data):
    record("nesting", check_abc(data, work))


@fuzz(400)
@given(mutated_real_abc())
def test_mutated_real_tunes(work, data):
    record("mutated_real", check_abc(data, work))


def _measured(data: bytes, work: Path, name: str) -> tuple[str, float, float]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = check_abc(data, work, name)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return outcome, time.perf_counter() - start, peak / 2**20


TUNE = "X:{x}\nT:Tune {x}\nM:4/4\nL:1/8\nK:G\n|:GABc dedB|dedB dedB:|\n"


@pytest.mark.parametrize("case", [
    "one_megabyte_line_without_bars", "five_thousand_tunes", "thousand_voices", "deep_brackets_1e6",
    "invalid_utf8_everywhere", "only_fields", "nul_inside",
])
def test_explicit_worst_cases_in_bounded_time_and_memory(work, case):
    if case == "one_megabyte_line_without_bars":
        data = ("X:1\nK:C\n" + "abcdefg" * 150_000 + "\n").encode()
    elif case == "five_thousand_tunes":
        data = "\n".join(TUNE.format(x=i) for i in range(5_000)).encode()
    elif case == "thousand_voices":
        head = "X:1\nM:4/4\nL:1/8\n" + "".join(f"V:{v}\n" for v in range(1000)) + "K:C\n"
        data = (head + "".join(f"[V:{v}] CDEF GABc|cBAG FEDC|\n" for v in range(1000))).encode()
    elif case == "deep_brackets_1e6":
        data = ("X:1\nK:C\n" + "[(" * 500_000 + "A|\n").encode()
    elif case == "invalid_utf8_everywhere":
        data = b"X:1\nT:\xff\xfe\xc3(\nK:C\n" + b"A\xe9B\xed\xa0\x80c|" * 2000 + b"\n"
    elif case == "only_fields":
        data = ("X:1\n" + "T:title\n" * 50_000 + "K:C\n").encode()
    else:
        data = b"X:1\nK:C\nABc|\x00|def|\n"
    outcome, seconds, peak = _measured(data, work, f"{case}.abc")
    # Memory: a bounded multiple of the input, whatever the input.
    assert seconds < HARD_LIMIT_S and peak < max(64, 40 * len(data) / 2**20), (case, outcome, seconds, peak)
    if case in ("five_thousand_tunes", "thousand_voices", "invalid_utf8_everywhere"):
        assert outcome == "ok", outcome
    record("explicit", outcome)


def test_zz_report_case_counts(capsys):
    """Print how many cases each suite ran (visible in `make test` output)."""
    total, text = fuzz_support.case_report("fuzz_abc", CASES)
    with capsys.disabled():
        print("\n" + text)
