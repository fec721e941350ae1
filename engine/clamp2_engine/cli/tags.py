"""Tag commands: ``tag`` (zero-shot), ``tags`` (counts), ``probe train|eval``, ``vocabularies``."""
from __future__ import annotations

import argparse

from clamp2_engine.cli.common import EXIT_NOTHING_DONE, EXIT_OK, err, print_json
from clamp2_engine.cli.library import _common, open_library
from clamp2_engine.errors import Clamp2Error
from clamp2_engine.settings import Settings
from clamp2_engine import tagging


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tag", help="zero-shot tag the library from multilingual vocabularies")
    p.add_argument("--vocabulary", "-V", action="append", default=None, metavar="V",
                   help="vocabulary name (repeatable; default: all)")
    p.add_argument("--languages", default=None,
                   help="comma-separated prompt languages (default: every language of the vocabulary)")
    _common(p)
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("tags", help="tags and how many pieces carry them (user / auto / probe)")
    p.add_argument("--vocabulary", "-V", default=None, help="only this vocabulary")
    _common(p)
    p.set_defaults(func=cmd_tags)

    p = sub.add_parser("vocabularies", help="the tag vocabularies available (built-in and the user's)")
    p.add_argument("--db", default=None, help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_vocabularies)

    p = sub.add_parser("probe", help="linear probes on your own tags (>= --min-positives pieces each)")
    p.add_argument("action", choices=("train", "eval"),
                   help="train: cross-validate and suggest tags (source 'probe'); eval: cross-validate only")
    p.add_argument("--tag", action="append", default=None, help="only this tag (repeatable)")
    p.add_argument("--min-positives", type=int, default=5)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--threshold", type=float, default=0.5, help="probability needed to suggest a tag")
    _common(p)
    p.set_defaults(func=cmd_probe)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(db=getattr(args, "db", None), device=getattr(args, "device", None))


def cmd_tag(args: argparse.Namespace) -> int:
    settings = _settings(args)
    problems: list[str] = []
    vocabs = tagging.available_vocabularies(settings, errors=problems)
    for p in problems:
        err.print(f"[yellow]warning:[/yellow] {p}")
    if args.vocabulary:
        missing = [v for v in args.vocabulary if v not in vocabs]
        if missing:
            raise Clamp2Error(f"unknown vocabulary {', '.join(missing)}; available: {', '.join(sorted(vocabs))}")
        vocabs = {v: vocabs[v] for v in args.vocabulary}
    if not vocabs:
        err.print("[red]error:[/red] no vocabulary found")
        return EXIT_NOTHING_DONE
    languages = [x.strip() for x in args.languages.split(",") if x.strip()] if args.languages else None
    with open_library(args) as lib:
        if lib.loaded.tokenizer is None and lib.loaded.config.text.type == "xlmr":
            raise Clamp2Error(f"model {lib.model.name!r} has no text tokenizer: it cannot embed label names")
        reports = tagging.tag_library(lib.catalog, lib.embedder, lib.model.id, vocabs.values(),
                                      cache_dir=tagging.cache_dir_for(settings), languages=languages,
                                      progress=lambda name, i, n: name and err.print(f"tagging: {name} ({i + 1}/{n})"))
        if args.json:
            print_json({"model": lib.model.name, "vocabularies": [r.as_dict() for r in reports]})
        else:
            for r in reports:
                top = ", ".join(f"{k} {v}" for k, v in sorted(r.counts.items(), key=lambda kv: -kv[1])[:6])
                print(f"{r.vocabulary:>10}: {r.tagged}/{r.pieces} pieces tagged  ({top})")
    return EXIT_OK


def cmd_tags(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        rows = tagging.tag_counts(lib.catalog)
        if args.vocabulary:
            rows = [r for r in rows if r["vocabulary"] == args.vocabulary]
        if args.json:
            print_json(rows)
        else:
            for r in rows:
                score = f"  mean auto score {r['mean_auto_score']:.3f}" if r["mean_auto_score"] is not None else ""
                print(f"{r['vocabulary']:>10} / {r['name']:<24} user {r['user']:5d}  auto {r['auto']:5d}  "
                      f"probe {r['probe']:5d}{score}")
    return EXIT_OK


def cmd_vocabularies(args: argparse.Namespace) -> int:
    settings = _settings(args)
    problems: list[str] = []
    vocabs = tagging.available_vocabularies(settings, errors=problems)
    doc = [{"name": v.name, "labels": len(v.labels), "languages": v.languages, "path": str(v.path),
            "calibration": v.calibration.as_dict()} for v in vocabs.values()]
    if args.json:
        print_json({"vocabularies": doc, "errors": problems,
                    "user_folder": str(tagging.user_vocabulary_dir(settings))})
    else:
        for d in doc:
            print(f"{d['name']:>10}: {d['labels']} labels, {len(d['languages'])} languages  ({d['path']})")
        for p in problems:
            err.print(f"[yellow]warning:[/yellow] {p}")
        err.print(f"add your own vocabulary files to {tagging.user_vocabulary_dir(settings)}")
    return EXIT_OK


def cmd_probe(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        reports = tagging.train_probes(lib.catalog, lib.model.id, min_positives=args.min_positives,
                                       folds=args.folds, suggest=args.action == "train", threshold=args.threshold,
                                       tags=args.tag)
        if args.json:
            print_json({"model": lib.model.name, "action": args.action, "probes": [r.as_dict() for r in reports]})
        else:
            if not reports:
                err.print(f"no tag has {args.min_positives} or more pieces tagged by you yet")
            for r in reports:
                if r.cv is None:
                    print(f"{r.tag}: skipped ({r.skipped})")
                    continue
                extra = f", {r.suggested} suggested" if args.action == "train" else ""
                print(f"{r.tag}: {r.positives} tagged / {r.negatives} not; {r.cv['folds']}-fold CV accuracy "
                      f"{r.cv['accuracy']:.3f} (balanced {r.cv['balanced_accuracy']:.3f}, majority "
                      f"{r.cv['majority_baseline']:.3f}){extra}")
    return EXIT_OK
