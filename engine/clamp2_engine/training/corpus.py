"""The labelled collections of the music21 corpus, as pieces with labels.

Every piece has a corpus *key* (``essenFolksong/han1.abc#12`` for an ABC
tune, ``bach/bwv66.6.mxl`` for a score), a collection, a split (see
:mod:`.heldout`) and labels read from real metadata:

* Essen: region (``O:``, mapped to a country/province), genre (``R:``,
  German/Chinese terms mapped to a small vocabulary);
* O'Neill's, Aird's, Ryan's (test only), miscFolk: rhythm type (``R:``, or
  a dance name in the title such as "... Strathspey"), nationality;
* classical scores: composer (the corpus folder), era.

Only these label fields are read from the headers; the model input is made
later with the label-free preprocessing (no header field but M L K Q V).
"""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from clamp2_engine.formats.abc import read_abc
from clamp2_engine.training.heldout import split_of

ABC_COLLECTIONS = {
    "essenFolksong": "essen",
    "oneills1850": "oneills",
    "airdsAirs": "aird",
    "ryansMammoth": "ryans",
    "miscFolk": "miscfolk",
}
#: Collections whose licence is public domain (Essen is non-commercial only).
PUBLIC_DOMAIN = frozenset({"oneills", "aird", "ryans", "miscfolk", "classical"})

#: Composer folders: (display name, era).  Only scores whose notes are public domain.
COMPOSERS = {
    "bach": ("Johann Sebastian Bach", "baroque"),
    "palestrina": ("Giovanni Pierluigi da Palestrina", "renaissance"),
    "monteverdi": ("Claudio Monteverdi", "renaissance"),
    "josquin": ("Josquin des Prez", "renaissance"),
    "trecento": ("Trecento composers", "medieval"),
    "ciconia": ("Johannes Ciconia", "medieval"),
    "luca": ("Luca Marenzio", "renaissance"),
    "beethoven": ("Ludwig van Beethoven", "classical"),
    "mozart": ("Wolfgang Amadeus Mozart", "classical"),
    "haydn": ("Joseph Haydn", "classical"),
    "handel": ("George Frideric Handel", "baroque"),
    "corelli": ("Arcangelo Corelli", "baroque"),
    "cpebach": ("Carl Philipp Emanuel Bach", "classical"),
    "schubert": ("Franz Schubert", "romantic"),
    "schumann_robert": ("Robert Schumann", "romantic"),
    "schumann_clara": ("Clara Schumann", "romantic"),
    "chopin": ("Frédéric Chopin", "romantic"),
    "weber": ("Carl Maria von Weber", "romantic"),
    "verdi": ("Giuseppe Verdi", "romantic"),
    "joplin": ("Scott Joplin", "ragtime"),
}
#: At most this many scores per composer folder (Palestrina alone has 1,318).
MAX_SCORES_PER_COMPOSER = 260
SCORE_EXTENSIONS = (".mxl", ".xml", ".musicxml", ".krn", ".abc")

# Rhythm types: canonical name <- spellings found in R: fields and titles.
RHYTHMS = {
    "reel": ("reel",),
    "jig": ("jig", "double jig", "single jig"),
    "slip jig": ("slip jig", "slipjig", "slip-jig"),
    "hornpipe": ("hornpipe",),
    "strathspey": ("strathspey",),
    "clog": ("clog",),
    "highland fling": ("highland fling", "fling"),
    "waltz": ("waltz", "valse"),
    "march": ("march", "quickstep", "quick step"),
    "air": ("air", "slow air", "lament"),
    "polka": ("polka",),
    "minuet": ("minuet", "minuetto"),
    "gavotte": ("gavotte",),
    "slide": ("slide",),
    "set dance": ("set dance", "long dance"),
    "country dance": ("country dance",),
    "song": ("song",),
}
_RHYTHM_LOOKUP = {s: k for k, spellings in RHYTHMS.items() for s in spellings}
_TITLE_RHYTHM = re.compile(r"\b(" + "|".join(sorted((re.escape(s) for s in _RHYTHM_LOOKUP), key=len, reverse=True))
                           + r")s?\b", re.IGNORECASE)

# Essen regions: first matching pattern in the O: hierarchy wins.
REGIONS = [
    ("china", ("China", "Ostasien")),
    ("luxembourg", ("Luxemburg",)),
    ("lorraine", ("Lothringen",)),
    ("alsace", ("Elsass",)),
    ("austria", ("Oesterreich", "Tirol", "Steiermark", "Kaernten")),
    ("switzerland", ("Schweiz",)),
    ("netherlands", ("Niederlande",)),
    ("ireland", ("Irland",)),
    ("yugoslavia", ("Jugoslawien",)),
    ("hungary", ("Ungarn",)),
    ("czech", ("Tschechoslowakei", "Boehmen")),
    ("poland", ("Polen", "Schlesien")),
    ("russia", ("UdSSR", "Russland")),
    ("romania", ("Rumaenien",)),
    ("sweden", ("Schweden",)),
    ("denmark", ("Daenemark",)),
    ("france", ("Frankreich",)),
    ("italy", ("Italien",)),
    ("america", ("Amerika", "USA", "Mexiko")),
    ("germany", ("Deutschland", "Mitteleuropa")),
]

# Essen genres (R:): first matching stem wins (lower-cased, spaces and dashes removed).
GENRES = [
    ("lullaby", ("wiegen", "schlaf")),
    ("children's song", ("kinder",)),
    ("wedding song", ("hochzeit",)),
    ("religious song", ("geistlich", "religi", "kirchen", "marien", "weihnacht")),
    ("drinking song", ("trink", "zech")),
    ("soldiers' song", ("soldat", "kriegs", "militaer")),
    ("work song", ("berufs", "arbeit", "haozi", "jaeger", "hirten", "handwerk")),
    ("dance song", ("tanz", "reigen")),
    ("mountain song", ("shange",)),
    ("ditty", ("xiaodiao",)),
    ("love song", ("liebe",)),
    ("ballad", ("ballade", "romanze", "erzaehl", "sage", "moritat", "mord")),
    ("farewell song", ("abschied",)),
    ("humorous song", ("scherz", "spott", "lustig")),
]


@dataclass
class CorpusPiece:
    """One piece of the corpus, with the labels the descriptions are built from."""

    key: str
    collection: str
    split: str
    source_path: str  # absolute path of the corpus file
    abc: str | None = None  # the tune's own text (with its inherited file-header lines) for ABC pieces
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def public_domain(self) -> bool:
        return self.collection in PUBLIC_DOMAIN


def corpus_root() -> Path:
    try:
        import music21
    except ImportError as exc:  # pragma: no cover - the [train] extra
        raise RuntimeError("training needs music21 (pip install 'clamp2-engine[train]')") from exc
    return Path(music21.__file__).resolve().parent / "corpus"


def rhythm_of(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip().lower().strip(".").replace("_", " ")
    if t in _RHYTHM_LOOKUP:
        return _RHYTHM_LOOKUP[t]
    m = _TITLE_RHYTHM.search(t)
    return _RHYTHM_LOOKUP[m.group(1).lower()] if m else None


def region_of(origin: str | None) -> tuple[str | None, str | None]:
    """(region class, province/detail) of an Essen ``O:`` value."""
    if not origin:
        return None, None
    parts = [p.strip() for p in origin.split(",") if p.strip()]
    for name, patterns in REGIONS:
        if any(p in origin for p in patterns):
            detail = None
            if name == "china":
                rest = [p for p in parts if p not in ("China", "Asien", "Ostasien")]
                detail = rest[0].split()[-1] if rest else None
                if detail and not detail[:1].isupper():
                    detail = None
            return name, detail
    return None, None


def genre_of(r_field: str | None) -> str | None:
    if not r_field:
        return None
    t = re.sub(r"[\s\-]", "", r_field.lower())
    for name, stems in GENRES:
        if any(s in t for s in stems):
            return name
    return None


def _first(fields: dict[str, list[str]], letter: str) -> str | None:
    values = fields.get(letter) or []
    return values[0].strip() if values and values[0].strip() else None


def abc_pieces(root: Path | None = None, collections=None) -> list[CorpusPiece]:
    """Every tune of the ABC collections (fast: header regexes, no music parsing)."""
    root = root or corpus_root()
    out: list[CorpusPiece] = []
    for folder, coll in ABC_COLLECTIONS.items():
        if collections is not None and coll not in collections:
            continue
        for path in sorted(glob.glob(str(root / folder / "*.abc"))):
            name = os.path.basename(path)
            for tune in read_abc(path):
                key = f"{folder}/{name}#{tune.x}" if folder != "ryansMammoth" else f"{folder}/{name}"
                labels = _abc_labels(coll, tune)
                out.append(CorpusPiece(key, coll, split_of(key, coll), path, tune.effective_text, labels))
    return out


def _abc_labels(coll: str, tune) -> dict[str, str]:
    f = tune.fields
    labels: dict[str, str] = {}
    if tune.title:
        labels["title"] = tune.title
    if coll == "essen":
        region, detail = region_of(_first(f, "O"))
        if region:
            labels["region"] = region
        if detail:
            labels["province"] = detail
        genre = genre_of(_first(f, "R"))
        if genre:
            labels["genre"] = genre
        labels["tradition"] = "folk song"
    else:
        rhythm = rhythm_of(_first(f, "R")) or rhythm_of(tune.title)
        if rhythm:
            labels["rhythm"] = rhythm
        labels["nationality"] = {"oneills": "irish", "aird": "scottish", "ryans": "american",
                                 "miscfolk": "english"}.get(coll, "")
        if coll == "ryans":
            origin = (_first(f, "O") or "").lower()
            if "scotch" in origin:
                labels["nationality"] = "scottish"
            elif "irish" in origin:
                labels["nationality"] = "irish"
        labels["tradition"] = "fiddle tune"
    return {k: v for k, v in labels.items() if v}


def score_files(root: Path | None = None) -> list[tuple[str, str, Path]]:
    """(key, composer folder, path) of the classical scores used, capped per composer, in a fixed order."""
    root = root or corpus_root()
    out = []
    for folder in COMPOSERS:
        files = sorted(p for p in (root / folder).rglob("*") if p.suffix.lower() in SCORE_EXTENSIONS)
        # A fixed, spread-out subset when there are too many (every k-th file).
        if len(files) > MAX_SCORES_PER_COMPOSER:
            step = len(files) / MAX_SCORES_PER_COMPOSER
            files = [files[int(i * step)] for i in range(MAX_SCORES_PER_COMPOSER)]
        for p in files:
            out.append((p.relative_to(root).as_posix(), folder, p))
    return out
