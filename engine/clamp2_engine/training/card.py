"""MODEL_CARD.md of a trained bundled model: data, licences, recipe, metrics, intended use."""
from __future__ import annotations

import collections

from clamp2_engine.model.text_towers import FROZEN_TOWERS
from clamp2_engine.training.report import table, targets
from clamp2_engine.training.texts import LANGUAGES


def model_card(loaded, trainer, result: dict, train_s: float) -> str:
    cfg = loaded.config
    recipe = trainer.recipe
    spec = FROZEN_TOWERS[cfg.text.type]
    counts = collections.Counter((it.collection, it.fmt) for it in trainer.items)
    colls = sorted({c for c, _ in counts})
    n_params = sum(p.numel() for p in loaded.model.parameters())
    essen = "essen" in colls
    lines = [
        f"# {cfg.name}",
        "",
        "The bundled default model of CLaMP 2 Desktop: a small CLaMP 2-style music encoder (M3 patch encoder)",
        f"aligned with a frozen multilingual sentence encoder (`{cfg.text.type}`, {spec.description}),",
        "trained offline on the music21 corpus so that text-to-music search works out of the box, in many languages.",
        "",
        "## Intended use",
        "- Text-to-music search and music similarity over a personal library of MIDI and ABC files, on a CPU.",
        "- Queries name dance types (reel, jig, hornpipe, ...), folk-song regions and genres, composers and eras,",
        "  and musical facts (key and mode, metre, tempo, register, density, number of voices).",
        "- Not intended for: audio, lyrics, genres absent from the corpus (pop, jazz, film music ...), or any decision",
        "  about people. It is far smaller than the official CLaMP 2 and knows much less; import the official",
        "  checkpoint for broad coverage.",
        "",
        "## Licence and data",
    ]
    if essen:
        lines += [
            "**Non-commercial use only**: this model was trained on the Essen Folksong Collection, whose encoders",
            "permit non-commercial distribution and use only. Train the `--public-domain-only` variant",
            "(`clamp2 train --recipe default --public-domain-only`) for a model trained on public-domain music only.",
            "",
        ]
    else:
        lines += ["Trained on public-domain music only (no Essen Folksong Collection).", ""]
    lines += [
        "| collection (music21 10.5.1 corpus) | items (ABC / MIDI) | labels used | licence |",
        "|---|---|---|---|",
    ]
    meta = {
        "essen": ("Essen Folksong Collection", "region (O:), genre (R:)", "non-commercial use only"),
        "oneills": ("O'Neill's Music of Ireland (1850 melodies)", "rhythm type (R:, title)", "public domain"),
        "aird": ("Aird's Airs", "rhythm type from titles", "public domain"),
        "miscfolk": ("miscFolk (fife, Northumbrian)", "-", "public domain"),
        "classical": ("composer scores (Bach, Palestrina, Monteverdi, ...)", "composer, era", "public domain"),
    }
    for c in colls:
        name, labels, lic = meta.get(c, (c, "-", "?"))
        lines.append(f"| {name} | {counts[(c, 'abc')]} / {counts[(c, 'midi')]} | {labels} | {lic} |")
    lines += [
        "",
        "Held out, never trained on: all of Ryan's Mammoth Collection and 529 Essen tunes "
        "(`clamp2_engine/training/heldout.txt`, asserted before training), plus a validation split",
        "(sha1 of the key starting with `1`) used to select the checkpoint, and a composer test split of",
        "classical scores (sha1 starting with `0`).",
        "",
        "Model input: label-free preprocessing (ABC header fields other than M L K Q V and `%%score` are removed:",
        "no title, rhythm, origin or composer can leak in) with notation normalisation (chord symbols, fingerings,",
        "decorations, bowings, grace notes and slurs removed). MIDI is read as MTF, as the official model does.",
        "Text: descriptions built from metadata and from musical facts computed from the notes, in "
        f"{len(LANGUAGES)} languages ({', '.join(LANGUAGES)}); templates in `clamp2_engine/training/templates/`.",
        "",
        "## Architecture",
        f"- music tower: M3 patch encoder, hidden {cfg.music.hidden_size}, {cfg.music.num_layers} layers, "
        f"{cfg.music.num_heads} heads, FFN {cfg.music.intermediate_size}, patch size {cfg.music.patch_size}, "
        f"{cfg.music.patch_length} patches per window; projection to {cfg.projection_dim}-d",
        f"- text tower: `{cfg.text.type}` ({cfg.text.package}), {cfg.text.hidden_size}-d, frozen, not stored in "
        "this folder; `text_proj` (initialised to the identity) is trained at a quarter of the learning rate",
        f"- {n_params / 1e6:.2f} M trainable parameters",
        "",
        "## Training",
        f"`clamp2 train --recipe {recipe.name}` (seed {recipe.seed}; {recipe.epochs} epochs planned, "
        f"{recipe.rounds_per_epoch} validations per epoch, batch {recipe.batch_size}, lr {recipe.lr}); "
        f"{len(trainer.items)} training items; {train_s / 60:.1f} min on {recipe.threads} CPU threads "
        "(data preparation included; cached corpus renders excluded).",
        f"Selected checkpoint: round {trainer.best['round']} (epoch {trainer.best['epoch']:.2f}) of "
        f"{len(trainer.history)} on validation retrieval.",
        "",
        "| round | epoch | train loss | validation score |",
        "|---|---|---|---|",
    ]
    for h in trainer.history:
        lines.append(f"| {h['round']} | {h['epoch']:.2f} | {h['loss']} | {h['score']:.4f} |")
    lines += ["", "## Evaluation (held-out split)", ""]
    for fmt in result["formats"]:
        lines += ["```", table(result, fmt), "```", ""]
        t = targets(result, fmt)
        missed = [f"{lang}: {', '.join(k for k, ok in v.items() if not ok)}" for lang, v in t.items()
                  if not all(v.values())]
        lines.append(f"Targets (class P@10 >= 2x floor, Hit@10 >= 5x floor, overlap@10 >= 0.6), {fmt.upper()}: "
                     + ("all met." if not missed else "missed for " + "; ".join(missed)))
        lines.append("")
    lines += [
        "Columns: model; `base` = the hand-feature baseline (metre, mode, rhythm statistics -> linear map into the",
        "text space); `rinit` = this architecture with random weights; random = random ranking.",
        "",
        "## Limitations",
        "- The corpus is small and narrow (European and Chinese folk songs, Irish/Scottish fiddle tunes, choral",
        "  and early music): queries outside it return the nearest thing it knows.",
        "- Strathspeys, clogs and flings have few or no labelled training examples; the held-out split tests them.",
        "- The frozen text tower bounds cross-lingual quality: languages outside the tower's training languages",
        f"  ({', '.join(spec.languages)}) are not supported.",
        "",
    ]
    return "\n".join(lines)
