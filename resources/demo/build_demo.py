"""Rebuild the CLaMP 2 Desktop demo library (resources/demo) from the music21 10.5.1 corpus.

Not part of the app; kept for provenance.  Needs music21==10.5.1 and mido in the running
Python, and Debian's ``abc2midi`` (package abcmidi) on PATH:

    python3 -m venv /tmp/m21 && /tmp/m21/bin/pip install music21==10.5.1 mido
    apt-get install -y abcmidi
    /tmp/m21/bin/python resources/demo/build_demo.py [OUT_DIR] [HELDOUT_TXT]

Only public-domain collections are read (oneills1850/, airdsAirs/, bach/).  Every source is
checked against the held-out evaluation split (whole ryansMammoth/ plus some Essen tunes), and
no tune whose title (any T: line) also names a tune in Ryan's Mammoth is taken.
"""
import json, re, subprocess, sys, shutil
from pathlib import Path
import warnings
import mido
import music21
from music21 import corpus

warnings.filterwarnings("ignore")
assert music21.__version__ == "10.5.1", music21.__version__
C = Path(music21.__file__).parent / "corpus"
HERE = Path(__file__).resolve().parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
HELDOUT = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE.parents[2] / "shared" / "data" / "heldout.txt"

# (collection, file, X, rhythm, rhythm_from)
SINGLE = [
    # O'Neill's: double jigs
    ("oneills1850", "1031-1115.abc", 1033, "double jig", "R: field"),
    ("oneills1850", "1031-1115.abc", 1035, "double jig", "R: field"),
    ("oneills1850", "0759-0810.abc", 795, "jig", "R: field"),
    ("oneills1850", "1031-1115.abc", 1051, "double jig", "R: field"),
    ("oneills1850", "0701-0720.abc", 708, "double jig", "book section (O'Neill's double jigs)"),
    # reels
    ("oneills1850", "1376-1475.abc", 1425, "reel", "book section (O'Neill's reels)"),
    ("oneills1850", "1376-1475.abc", 1418, "reel", "book section (O'Neill's reels)"),
    ("oneills1850", "1476-1555.abc", 1509, "reel", "R: field"),
    ("oneills1850", "1176-1275.abc", 1218, "reel", "R: field"),
    ("oneills1850", "1176-1275.abc", 1198, "reel", "R: field"),
    # hornpipes
    ("oneills1850", "1556-1624.abc", 1603, "hornpipe", "R: field"),
    ("oneills1850", "1556-1624.abc", 1577, "hornpipe", "R: field"),
    ("oneills1850", "1625-1700.abc", 1700, "hornpipe", "book section (O'Neill's hornpipes)"),
    # slip jigs, slide
    ("oneills1850", "1136-1175.abc", 1155, "slip jig", "R: field"),
    ("oneills1850", "1116-1135_ml.abc", 1134, "slip jig", "R: field"),
    ("oneills1850", "0759-0810.abc", 787, "slide", "R: field"),
    # slow airs
    ("oneills1850", "0001-0050.abc", 1, "slow air", "book section (O'Neill's airs) and N: tempo marking"),
    ("oneills1850", "0550-0625.abc", 595, "slow air", "R: field and N: tempo marking"),
    ("oneills1850", "0550-0625.abc", 563, "slow air", "R: field and N: tempo marking"),
    ("oneills1850", "0101-0200.abc", 188, "air", "book section (O'Neill's airs)"),
    ("oneills1850", "0051-0100.abc", 69, "air (O'Carolan lament)", "title and book section"),
    # waltzes
    ("oneills1850", "0550-0625.abc", 610, "waltz", "R: field"),
    ("oneills1850", "0550-0625.abc", 593, "waltz", "R: field"),
    ("oneills1850", "0550-0625.abc", 561, "waltz (slow, minor)", "R: field and N: tempo marking"),
    # march, planxty
    ("oneills1850", "1801-1850.abc", 1814, "march", "book section (O'Neill's marches)"),
    ("oneills1850", "0626-0700.abc", 677, "planxty (O'Carolan)", "title"),
    # Aird's Airs (Scottish, 1778-1803)
    ("airdsAirs", "book4.abc", 734, "slow air (song tune)", "title and Q:/N: tempo marking"),
    ("airdsAirs", "book4.abc", 652, "slow air (lament)", "title and N: tempo marking"),
    ("airdsAirs", "book3.abc", 542, "slow air (lament)", "title and N: tempo marking"),
    ("airdsAirs", "book6.abc", 1063, "waltz", "title"),
    ("airdsAirs", "book4.abc", 638, "song tune / march", "title"),
    ("airdsAirs", "book3.abc", 518, "strathspey", "title"),
]
MULTI = {
    "name": "oneills1850_set-of-reels",
    "title": "A set of reels (O'Neill's Music of Ireland)",
    "tunes": [
        ("oneills1850", "1276-1375.abc", 1308, "reel", "R: field"),
        ("oneills1850", "1276-1375.abc", 1312, "reel", "R: field"),
        ("oneills1850", "1276-1375.abc", 1341, "reel", "R: field"),
        ("oneills1850", "1276-1375.abc", 1375, "reel", "R: field"),
        ("oneills1850", "1276-1375.abc", 1369, "reel", "R: field"),
    ],
}
# ABC tunes also rendered to MIDI with abc2midi
ABC_TO_MIDI = [("oneills1850", "1031-1115.abc", 1035), ("oneills1850", "1376-1475.abc", 1425),
               ("oneills1850", "1556-1624.abc", 1603), ("oneills1850", "0550-0625.abc", 610),
               ("airdsAirs", "book4.abc", 734)]
# Titles are the hymns (first stanza), which is the text the encodings carry as lyrics;
# "stanza" is the stanza Bach set at this place in the work.
BACH = [
    ("bwv244.62", "O Haupt voll Blut und Wunden", "St Matthew Passion, BWV 244", "Wenn ich einmal soll scheiden"),
    ("bwv80.8", "Ein feste Burg ist unser Gott", "Cantata BWV 80, final chorale", "Das Wort sie sollen lassen stahn"),
    ("bwv227.1", "Jesu, meine Freude", "Motet BWV 227, opening chorale", "Jesu, meine Freude"),
    ("bwv140.7", "Wachet auf, ruft uns die Stimme", "Cantata BWV 140, final chorale", "Gloria sei dir gesungen"),
    ("bwv4.8", "Christ lag in Todesbanden", "Cantata BWV 4, final chorale", "Wir essen und leben wohl"),
    ("bwv269", "Aus meines Herzens Grunde", "Four-part chorale BWV 269 (Riemenschneider no. 1)", None),
    ("bwv66.6", "Christ ist erstanden", "Cantata BWV 66 'Erfreut euch, ihr Herzen', final chorale", "Alleluja! Des solln wir alle froh sein"),
]

LIC = {
    "oneills1850": ("Public domain: O'Neill's Music of Ireland (Chicago, 1903), compiled by Francis O'Neill "
                    "(d. 1936), traditional tunes. ABC transcription by volunteers of the O'Neill's project "
                    "(transcriber in the Z: field), distributed in the music21 corpus, which lists the "
                    "collection without restrictions."),
    "airdsAirs": ("Public domain: James Aird, A Selection of Scotch, English, Irish and Foreign Airs "
                  "(Glasgow, 6 vols., 1778-1803). ABC transcription by Jack Campin, 2009 (Z: field), "
                  "distributed in the music21 corpus with no further licence text."),
    "bach": ("Composition public domain (J. S. Bach, 1685-1750). MusicXML encoding by Margaret Greentree "
             "(www.jsbchorales.net, 'PDF (c) 2004 Margaret Greentree, used by permission'), distributed in "
             "the music21 corpus with the encoder's permission; rendered to MIDI here with music21 10.5.1."),
}
COLL_NAME = {"oneills1850": "O'Neill's Music of Ireland (1903)", "airdsAirs": "Aird's Airs (1778-1803)",
             "bach": "J. S. Bach, four-part chorales"}


def split_tunes(path):
    lines = path.read_text(encoding="latin-1").splitlines()
    starts = [i for i, ln in enumerate(lines) if re.match(r"X:\s*\d+", ln)]
    tunes = {}
    for a, b in zip(starts, starts[1:] + [len(lines)]):
        block = lines[a:b]
        while block and (not block[-1].strip()):
            block.pop()
        x = int(re.match(r"X:\s*(\d+)", block[0]).group(1))
        assert x not in tunes, (path, x)
        tunes[x] = block
    return tunes


def field(block, letter):
    for ln in block:
        m = re.match(rf"{letter}:\s*(.*)", ln)
        if m:
            return m.group(1).strip()
    return None


TITLE_OVERRIDE = {
    ("airdsAirs", 638): "The White Cockade",
    ("airdsAirs", 542): "Neil Gow's Lamentation for Abercairney",
    ("airdsAirs", 1063): "The New German Waltz",
    ("oneills1850", 1814): "The Rakes of Mallow",
}
GENRE = {
    "oneills1850": "Irish traditional music",
    "airdsAirs": "Scottish, English and Irish airs and dance tunes (18th century)",
}


def clean_title(t):
    t = re.sub(r"\s+", " ", t).strip()
    t = t.rstrip(".").strip()
    m = re.match(r"(.*?)\.?,\s*(The|A)$", t)
    if m:
        t = f"{m.group(2)} {m.group(1).strip()}"
    t = t.rstrip(".").strip()
    # O'Neill's sometimes uses all capitals
    if t.isupper():
        t = " ".join(w.capitalize() if not w.startswith("O'") else "O'" + w[2:].capitalize() for w in t.split())
    return t


def slug(t):
    t = t.lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def source_key(coll, fn, x):
    return f"{coll}/{fn}#{x}"


def load_heldout():
    keys = set()
    for ln in HELDOUT.read_text().splitlines():
        ln = ln.strip()
        if ln and not ln.startswith("#"):
            keys.add(ln)
    return keys


HELD = load_heldout()


def check_not_heldout(key):
    assert not key.startswith(("ryansMammoth/", "essenFolksong/")), key
    for h in HELD:
        if h.endswith("/") and key.startswith(h):
            raise AssertionError(key)
        if key == h or key.split("#")[0] == h:
            raise AssertionError(key)


cache = {}


def norm_title(t):
    t = (t or "").lower()
    t = re.split(r"\s--\s", t)[0]
    t = re.sub(r",\s*the\b", "", t)
    t = re.sub(r"^the\s+", "", t)
    return re.sub(r"[^a-z]", "", t).replace("s", "")


BAD = []
RYAN_TITLES = set()
for _p in (C / "ryansMammoth").glob("*.abc"):
    for _ln in _p.read_text(encoding="latin-1").splitlines():
        if _ln.startswith("T:"):
            RYAN_TITLES.add(norm_title(_ln[2:].strip()))


def check_title(block):
    for ln in block:
        if ln.startswith("T:"):
            if norm_title(ln[2:].strip()) in RYAN_TITLES:
                print("title also in Ryan's Mammoth:", ln)
                BAD.append(ln)


def tune_block(coll, fn, x):
    p = C / coll / fn
    if p not in cache:
        cache[p] = split_tunes(p)
    return cache[p][x]


def set_track_name(mid_path, title):
    mf = mido.MidiFile(mid_path)
    t0 = mf.tracks[0]
    t0[:] = [m for m in t0 if not (m.is_meta and m.type == "track_name")]
    t0.insert(0, mido.MetaMessage("track_name", name=title, time=0))
    mf.save(mid_path)


def fix_lyrics(mid_path):
    """music21 writes lyrics as UTF-8 bytes; store them as the Latin-1 text MIDI readers expect."""
    mf = mido.MidiFile(mid_path)
    for tr in mf.tracks:
        for m in tr:
            if m.is_meta and m.type in ("lyrics", "text"):
                try:
                    m.text = m.text.encode("latin-1").decode("utf-8")
                except (UnicodeEncodeError, UnicodeDecodeError):
                    pass
    mf.save(mid_path)


def midi_stats(path):
    mf = mido.MidiFile(path)
    notes = sum(1 for tr in mf.tracks for m in tr if m.type == "note_on" and m.velocity > 0)
    return notes, mf.length


def main():
    for sub in ("abc", "midi"):
        if (OUT / sub).exists():
            shutil.rmtree(OUT / sub)
    (OUT / "abc").mkdir(parents=True)
    (OUT / "midi").mkdir()
    sources = {}
    seen_titles = {}

    def header_comment(lines):
        return "\n".join("% " + ln for ln in lines) + "\n\n"

    for coll, fn, x, rhythm, rfrom in SINGLE:
        key = source_key(coll, fn, x)
        check_not_heldout(key)
        block = tune_block(coll, fn, x)
        check_title(block)
        title = TITLE_OVERRIDE.get((coll, x)) or clean_title(field(block, "T"))
        name = f"abc/{coll}_{slug(title)}.abc"
        assert name not in sources, name
        text = header_comment([
            "CLaMP 2 Desktop demo library",
            f"Source: music21 {music21.__version__} corpus, {coll}/{fn}, X:{x}",
            f"{COLL_NAME[coll]}. Public domain; see resources/demo/README.md.",
        ]) + "\n".join(block) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
        sources[name] = dict(source_path=key, collection=coll, collection_name=COLL_NAME[coll],
                             licence=LIC[coll], title=title, rhythm=rhythm, rhythm_from=rfrom,
                             genre=GENRE[coll], meter=field(block, "M"), key=field(block, "K"), format="abc")
        seen_titles[(coll, fn, x)] = (title, name)

    # multi-tune file
    blocks, tunes_meta = [], []
    for coll, fn, x, rhythm, rfrom in MULTI["tunes"]:
        key = source_key(coll, fn, x)
        check_not_heldout(key)
        block = tune_block(coll, fn, x)
        check_title(block)
        title = TITLE_OVERRIDE.get((coll, x)) or clean_title(field(block, "T"))
        blocks.append("\n".join(block))
        tunes_meta.append(dict(x=x, source_path=key, title=title, rhythm=rhythm, rhythm_from=rfrom,
                               meter=field(block, "M"), key=field(block, "K")))
    name = f"abc/{MULTI['name']}.abc"
    text = header_comment([
        "CLaMP 2 Desktop demo library: a multi-tune ABC file (5 reels)",
        f"Source: music21 {music21.__version__} corpus, oneills1850/1276-1375.abc, X:"
        + ", ".join(str(t['x']) for t in tunes_meta),
        f"{COLL_NAME['oneills1850']}. Public domain; see resources/demo/README.md.",
    ]) + "\n\n".join(blocks) + "\n"
    (OUT / name).write_text(text, encoding="utf-8")
    sources[name] = dict(source_path="oneills1850/1276-1375.abc", collection="oneills1850",
                         collection_name=COLL_NAME["oneills1850"], licence=LIC["oneills1850"],
                         title=MULTI["title"], rhythm="reel", genre=GENRE["oneills1850"], format="abc",
                         tunes=tunes_meta)

    # ABC -> MIDI with abc2midi
    for coll, fn, x in ABC_TO_MIDI:
        title, abc_name = seen_titles[(coll, fn, x)]
        mid_name = f"midi/{coll}_{slug(title)}.mid"
        out = OUT / mid_name
        r = subprocess.run(["abc2midi", str(OUT / abc_name), str(x), "-o", str(out)],
                           capture_output=True, text=True)
        assert out.exists(), (abc_name, r.stdout, r.stderr)
        msgs = [ln for ln in (r.stdout + r.stderr).splitlines() if ln.strip()]
        set_track_name(out, title)
        notes, length = midi_stats(out)
        # cross-check with music21's own reading of the same tune
        m21 = music21.converter.parse(OUT / abc_name, format="abc")
        m21_notes = len(m21.recurse().notes)
        print(f"abc2midi {mid_name}: {notes} notes, {length:.1f}s (music21 reads {m21_notes} written notes); "
              f"messages: {msgs}")
        assert notes >= m21_notes * 0.9 and length > 10, mid_name
        src = sources[abc_name]
        sources[mid_name] = dict(source_path=src["source_path"], collection=coll,
                                 collection_name=COLL_NAME[coll], licence=LIC[coll], title=title,
                                 rhythm=src["rhythm"], rhythm_from=src["rhythm_from"], genre=src["genre"], meter=src["meter"],
                                 key=src["key"], format="midi", rendered_from=abc_name,
                                 rendered_with="abc2midi (Debian abcmidi 20230208)")

    # Bach chorales -> MIDI with music21
    for bwv, title, work, stanza in BACH:
        fn = next(p.name for p in (C / "bach").iterdir() if p.name in (bwv + ".mxl", bwv + ".xml"))
        key = f"bach/{fn}"
        check_not_heldout(key)
        s = corpus.parse(key)
        num = bwv[3:]
        full_title = f"{title} (BWV {num})"
        mid_name = f"midi/bach_bwv{num.replace('.', '-')}_{slug(title)}.mid"
        out = OUT / mid_name
        s.write("midi", fp=str(out))
        set_track_name(out, f"J. S. Bach: {full_title}")
        fix_lyrics(out)
        notes, length = midi_stats(out)
        m21_notes = len(s.recurse().notes)
        print(f"music21 {mid_name}: {notes} notes, {length:.1f}s, parts {[p.partName for p in s.parts]} ({m21_notes})")
        assert notes > 50 and length > 10
        ks = s.analyze("key")
        sources[mid_name] = dict(source_path=key, collection="bach", collection_name=COLL_NAME["bach"],
                                 licence=LIC["bach"], title=full_title, composer="Johann Sebastian Bach",
                                 rhythm="chorale", genre="Bach chorale (four-part harmonisation)", work=work,
                                 **({"stanza": stanza} if stanza and stanza != title else {}),
                                 meter=s.recurse().getElementsByClass("TimeSignature")[0].ratioString,
                                 key=str(ks).replace("-", "-flat").replace("#", "-sharp"), format="midi", rendered_with=f"music21 {music21.__version__}")

    sources = dict(sorted(sources.items()))
    (OUT / "SOURCES.json").write_text(json.dumps(sources, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(len(sources), "files")


if __name__ == "__main__":
    main()
    assert not BAD, BAD
