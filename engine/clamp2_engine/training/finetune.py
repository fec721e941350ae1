"""On-device fine-tuning of a registered model on the user's own (piece, text) pairs.

A laptop recipe: the text tower stays frozen (its features are computed once),
only the last layers of the music tower and the music projection learn, with
small batches and gradient accumulation, on the GPU when there is one.  Every
epoch ends with a checkpoint (only the trainable tensors and the optimizer) and
a held-out text->music MRR; training stops early when that MRR stops rising.

The parent model is never written to.  The result is a *new* model folder
(``kind=finetuned``, ``parent`` = the parent's name), written atomically and
registered in the catalog with ``parent_id`` only when training finished and
beat the parent on the held-out pieces.  A cancelled run leaves its last
epoch checkpoint for ``resume`` and nothing else: the library and the models
in use are exactly as they were.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from clamp2_engine.catalog import Catalog, ModelRecord
from clamp2_engine.checkpoints import LoadedModel, load_model, save_model_folder
from clamp2_engine.device import autocast_dtype, choose_device
from clamp2_engine.embedder import Embedder
from clamp2_engine.errors import Clamp2Error
from clamp2_engine import patches as P
from clamp2_engine.reading import read_files
from clamp2_engine.settings import Settings
from clamp2_engine.training.losses import multi_positive_contrastive, pad_patches
from clamp2_engine.training.finetune_data import (
    DataSummary,
    PieceTexts,
    collect_pairs,
    drop_common_texts,
    split_pairs,
    summarize,
)

CHECKPOINT = "checkpoint.pt"
BEST = "best.pt"
STATE = "state.json"


class FinetuneError(Clamp2Error):
    """Fine-tuning cannot start or finish (too little data, a taken name, an unknown parent)."""

    exit_code = 1


@dataclass
class FinetuneOptions:
    """Everything that decides the fine-tuned weights (recorded in the new model's config.json)."""

    epochs: int = 8
    max_minutes: float | None = None
    batch_size: int = 16
    #: Micro-batches per optimizer step (effective batch 64) on a large library; fewer when an epoch
    #: would otherwise make fewer than 10 optimizer steps (a few hundred tagged pieces).
    accumulate: int = 4
    lr: float = 3e-4
    train_layers: int = 2            # last music-tower layers that learn (+ music_proj)
    train_text_proj: bool = False    # the text side stays as it is: other languages keep working
    holdout_share: float = 0.2
    patience: int = 2                # epochs without a better held-out MRR before stopping
    min_pieces: int = 10
    max_pieces: int = 20_000         # a sample of the library beyond this, to bound memory
    drop_common_share: float = 0.5   # a text shared by more pieces than this says nothing about one piece
    seed: int = 0
    threads: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class FinetuneProgress:
    phase: str          # "prepare", "evaluate", "train", "save"
    epoch: int
    epochs: int
    step: int           # micro-batches done in this epoch
    steps: int
    loss: float | None = None
    eta_s: float | None = None
    message: str = ""


@dataclass
class FinetuneResult:
    status: str                      # "finished", "cancelled", "no_improvement"
    name: str
    parent: str
    path: Path | None
    model_id: int | None
    mrr_before: float
    mrr_after: float | None
    best_epoch: int
    epochs_run: int
    seconds: float
    peak_rss_mb: float
    device: str
    summary: DataSummary
    history: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"status": self.status, "name": self.name, "parent": self.parent,
                "path": str(self.path) if self.path else None, "model_id": self.model_id,
                "heldout_mrr_before": round(self.mrr_before, 4),
                "heldout_mrr_after": None if self.mrr_after is None else round(self.mrr_after, 4),
                "best_epoch": self.best_epoch, "epochs_run": self.epochs_run, "seconds": round(self.seconds, 1),
                "peak_rss_mb": round(self.peak_rss_mb, 1), "device": self.device, "data": self.summary.as_dict(),
                "history": self.history}


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    try:
        import resource
    except ImportError:  # Windows: no getrusage; the figure is then unknown (0)
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def work_dir(settings: Settings, name: str) -> Path:
    return settings.data_dir / "finetune" / name


#: The options that change the weights; a run resumes only when these (and the parent and data) match,
#: so a new epoch count or time limit continues the same run.
WEIGHT_OPTIONS = ("batch_size", "accumulate", "lr", "train_layers", "train_text_proj", "holdout_share",
                  "min_pieces", "max_pieces", "drop_common_share", "seed")


def default_run_name(settings: Settings, catalog: Catalog, parent_name: str, parent_sha256: str | None) -> str:
    """``PARENT-ft`` (then ``-2``, ``-3`` ...): an unfinished run of this parent first, so that
    running the same command again resumes it; else the first name no model uses."""
    base = f"{parent_name}-ft"[:58]
    for i in range(1, 1000):
        name = base if i == 1 else f"{base}-{i}"
        state = work_dir(settings, name) / STATE
        if state.exists():
            try:
                doc = json.loads(state.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                doc = {}
            if (doc.get("fingerprint") or {}).get("parent_sha256") == parent_sha256:
                return name
            continue
        if catalog.model_by_name(name) is None and not (settings.models_dir / name).exists():
            return name
    raise FinetuneError(f"no free name for a fine-tuned model of {parent_name}; pass one")


class _Cancelled(Exception):
    """Raised inside preparation when the user cancels; :meth:`Finetuner.run` turns it into a result."""


# --------------------------------------------------------------------------- data on the model's side


def select_pairs(catalog: Catalog, vocabularies, options: FinetuneOptions
                 ) -> tuple[list[PieceTexts], list[PieceTexts], list[PieceTexts], DataSummary]:
    """``(pairs, train, holdout, summary)`` exactly as a run will use them (the dialog shows the summary)."""
    pairs = drop_common_texts(collect_pairs(catalog, vocabularies), options.drop_common_share)
    if len(pairs) > options.max_pieces:
        rng = random.Random(f"{options.seed}:sample")
        pairs = sorted(rng.sample(pairs, options.max_pieces), key=lambda p: p.piece_id)
    train, hold = split_pairs(pairs, options.holdout_share, options.seed)
    return pairs, train, hold, summarize(catalog, pairs, train, hold)


@dataclass
class _Example:
    piece_id: int
    patches: np.ndarray   # uint8 [n, patch_size] with BOS/EOS
    text_rows: list[int]  # rows of the text feature table


def _text_features(loaded: LoadedModel, embedder: Embedder, texts: list[str]) -> torch.Tensor:
    """The frozen text tower's features (before ``text_proj``), computed once, as plain tensors
    (not inference-mode ones: ``text_proj`` may train on them)."""
    if loaded.model.has_frozen_text_tower:
        out = [embedder.frozen_text_features(texts[i:i + 256]) for i in range(0, len(texts), 256)]
        return torch.from_numpy(np.concatenate(out).astype(np.float32))
    feats = embedder.embed_token_ids([embedder.tokenize(t) for t in texts], normalize=False, project=False)
    return torch.from_numpy(feats)


def _read_patches(pairs: list[PieceTexts], embedder: Embedder, workers: int | None,
                  progress: Callable[[int, int], None]) -> dict[int, np.ndarray]:
    """Piece id -> patch ids, reading each file once with the model's own preprocessing."""
    pre = embedder.loaded.config.preprocessing
    by_path: dict[str, list[PieceTexts]] = {}
    for p in pairs:
        by_path.setdefault(p.path, []).append(p)
    paths = sorted(by_path)
    out: dict[int, np.ndarray] = {}
    for n, result in enumerate(read_files(paths, pre, workers=workers), 1):
        tunes = {(pc.tune_index or 0): pc for pc in result.pieces}
        for pair in by_path[result.path]:
            piece = tunes.get(pair.tune_index or 0)
            if piece is not None:
                out[pair.piece_id] = embedder.encode_music_text(piece.text)
        progress(n, len(paths))
    return out


def heldout_mrr(music: np.ndarray, text: np.ndarray, relevant: list[set[int]]) -> float:
    """Mean reciprocal rank of the first relevant held-out piece for each query."""
    sims = text @ music.T
    rr = []
    for q, rel in enumerate(relevant):
        order = np.argsort(-sims[q], kind="stable")
        ranks = np.nonzero(np.isin(order, list(rel)))[0]
        rr.append(1.0 / (ranks[0] + 1) if len(ranks) else 0.0)
    return float(np.mean(rr)) if rr else 0.0


# --------------------------------------------------------------------------- the run


class Finetuner:
    """One fine-tuning run of ``parent`` into a new model ``name`` (see the module docstring)."""

    def __init__(self, settings: Settings, catalog: Catalog, parent: str | Path | None, name: str | None,
                 options: FinetuneOptions | None = None, *, device: str | None = None,
                 vocabularies: dict | None = None,
                 progress: Callable[[FinetuneProgress], None] | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 log: Callable[[str], None] | None = None):
        from clamp2_engine.library import _resolve
        from clamp2_engine.model_import import check_model_name

        self.settings, self.catalog = settings, catalog
        self.opt = options or FinetuneOptions()
        self.progress = progress or (lambda p: None)
        self.should_stop = should_stop or (lambda: False)
        self.log = log or (lambda s: None)
        if name is not None:
            problem = check_model_name(name)
            if problem:
                raise FinetuneError(problem)
            if catalog.model_by_name(name) is not None or (settings.models_dir / name).exists():
                raise FinetuneError(f"a model named {name!r} already exists; choose another name")
        self.parent_path = _resolve(parent, settings, catalog)
        self.loaded = load_model(self.parent_path)
        self.parent_name = self.loaded.config.name or Path(self.parent_path).name
        self.name = name or default_run_name(settings, catalog, self.parent_name, self.loaded.config.weights_sha256)
        self.parent_record = self._parent_record()
        self.device = choose_device(device)
        # bf16 autocast on GPUs that have it; fp16 without a gradient scaler could write NaN, so fp32 there.
        amp = autocast_dtype(self.device)
        self.amp = amp if amp == torch.bfloat16 else None
        if self.opt.threads:
            torch.set_num_threads(self.opt.threads)
        self.work = work_dir(settings, self.name)
        self.vocabularies = vocabularies

    def _parent_record(self) -> ModelRecord:
        from clamp2_engine.library import register

        cfg = self.loaded.config
        rec = next((m for m in self.catalog.models() if m.weights_sha256 == cfg.weights_sha256), None)
        return rec if rec is not None else register(self.catalog, self.loaded)

    # ---------------------------------------------------------------- preparation

    def prepare(self) -> None:
        o = self.opt
        self._emit("prepare", 0, 0, 0, 0, "collecting your tags, titles and names")
        vocabs = self.vocabularies
        if vocabs is None:
            from clamp2_engine.tagging import available_vocabularies

            vocabs = available_vocabularies(self.settings)
        pairs, train, hold, self.summary = select_pairs(self.catalog, vocabs, o)
        if len(train) < o.min_pieces or len(hold) < 2:
            raise FinetuneError(f"too little to learn from: {len(pairs)} pieces have a title, tag, comment or "
                                f"meaningful file name (at least {o.min_pieces + 2} are needed); tag some pieces "
                                "first")
        self.embedder = Embedder(self.loaded, device=str(self.device))
        self.model = self.loaded.model
        texts = sorted({t for p in pairs for t in p.texts})
        row_of = {t: i for i, t in enumerate(texts)}
        self._emit("prepare", 0, 0, 0, 0, f"reading {len(pairs)} pieces")

        def reading(n: int, total: int) -> None:
            if self.should_stop():
                raise _Cancelled
            self._emit("prepare", 0, 0, n, total, "reading pieces")

        patches = _read_patches(pairs, self.embedder, None, reading)
        unreadable = len(pairs) - len(patches)
        if self.should_stop():
            raise _Cancelled
        self._emit("prepare", 0, 0, 0, 0, f"text features of {len(texts)} descriptions")
        self.text_feats = _text_features(self.loaded, self.embedder, texts).to(self.device)
        self.train = [_Example(p.piece_id, patches[p.piece_id], [row_of[t] for t in p.texts])
                      for p in train if p.piece_id in patches]
        self.hold = [_Example(p.piece_id, patches[p.piece_id], [row_of[t] for t in p.texts])
                     for p in hold if p.piece_id in patches]
        if len(self.train) < o.min_pieces or len(self.hold) < 2:
            raise FinetuneError(f"too little to learn from: {unreadable} of {len(pairs)} pieces could not be read "
                                "(moved or deleted since the last scan?); rescan the library, then try again")
        if unreadable:
            self.log(f"{unreadable} piece(s) could not be read and are left out (rescan the library to update it)")
        # Held-out queries: the texts of held-out pieces that the training pieces use too (the owner's
        # vocabulary, met on new pieces); relevant = every held-out piece described by the text.  A text
        # only one held-out piece has (its title) cannot be learnt from the others; it is scored only
        # when nothing else is shared.
        owners: dict[int, set[int]] = {}
        for i, ex in enumerate(self.hold):
            for r in ex.text_rows:
                owners.setdefault(r, set()).add(i)
        seen_in_training = {r for ex in self.train for r in ex.text_rows}
        rows = sorted(r for r in owners if r in seen_in_training) or sorted(owners)
        rng = random.Random(f"{o.seed}:queries")
        if len(rows) > 3000:
            rows = sorted(rng.sample(rows, 3000))
        self.query_rows = rows
        self.query_relevant = [owners[r] for r in rows]
        self.data_digest = hashlib.sha256(json.dumps(
            [[p.piece_id, p.path, p.tune_index, list(p.texts)] for p in pairs], ensure_ascii=False
        ).encode()).hexdigest()
        self._setup_training()

    def _setup_training(self) -> None:
        o = self.opt
        model = self.model
        n_layers = self.loaded.config.music.num_layers
        first = max(0, n_layers - o.train_layers)
        prefixes = [f"music_model.base.encoder.layer.{i}." for i in range(first, n_layers)] + ["music_proj."]
        if o.train_text_proj:
            prefixes.append("text_proj.")
        self.trainable = {n: p for n, p in model.named_parameters() if any(n.startswith(x) for x in prefixes)}
        for n, p in model.named_parameters():
            p.requires_grad_(n in self.trainable)
        self.logit_scale = torch.nn.Parameter(torch.tensor(math.log(1 / 0.07), device=self.device))
        self.optimizer = torch.optim.AdamW([{"params": list(self.trainable.values())},
                                            {"params": [self.logit_scale], "weight_decay": 0.0}],
                                           lr=o.lr, weight_decay=0.01)
        self.epoch = 0
        self.history: list[dict] = []
        self.best_mrr = -1.0
        self.best_epoch = 0
        self.mrr_before = None

    # ---------------------------------------------------------------- evaluation

    def evaluate(self) -> float:
        self.model.eval()
        self._emit("evaluate", self.epoch, self.opt.epochs, 0, 0, "held-out retrieval")
        music = self.embedder.embed_patches([ex.patches for ex in self.hold])
        with torch.inference_mode():
            text = F.normalize(self.model.project_text_features(self.text_feats[self.query_rows]), dim=-1)
        return heldout_mrr(music, text.float().cpu().numpy(), self.query_relevant)

    # ---------------------------------------------------------------- training

    def _batch(self, examples: list[_Example], rng: random.Random):
        length = self.loaded.config.music.patch_length
        ids, mask = pad_patches([P.truncate(ex.patches, length, "random", rng) for ex in examples])
        rows = [rng.choice(ex.text_rows) for ex in examples]
        # music i and text j match when text j is one of piece i's own texts (a reel tagged {reel, Clare}
        # matches "reel" drawn for another piece too)
        owns = [set(ex.text_rows) for ex in examples]
        same = torch.tensor([[r in own for r in rows] for own in owns], dtype=torch.float32, device=self.device)
        return (torch.from_numpy(ids).to(self.device), torch.from_numpy(mask).to(self.device),
                self.text_feats[rows], same)

    def _loss(self, ids, mask, text, same) -> torch.Tensor:
        ctx = torch.autocast(self.device.type, dtype=self.amp) if self.amp else torch.autocast("cpu", enabled=False)
        with ctx:
            m = F.normalize(self.model.music_window_features(ids, mask).float(), dim=-1)
            t = F.normalize(self.model.project_text_features(text).float(), dim=-1)
        logits = self.logit_scale.clamp(max=math.log(100)).exp() * m @ t.T
        return multi_positive_contrastive(logits, same, exact_transpose=True)

    def train_epoch(self, started: float, budget_s: float | None) -> tuple[float, bool, bool]:
        """One pass over the training pieces; returns (mean loss, cancelled, out of time).

        Out of time, the epoch ends after the batch in progress (its optimizer step is
        taken) and the run measures and keeps what it has, as after a full epoch.
        """
        o = self.opt
        self.model.train()
        rng = random.Random(f"{o.seed}:epoch:{self.epoch}")
        torch.manual_seed(o.seed * 1000 + self.epoch)
        order = list(range(len(self.train)))
        rng.shuffle(order)
        batches = [[self.train[i] for i in order[s:s + o.batch_size]] for s in range(0, len(order), o.batch_size)]
        batches = [b for b in batches if len(b) >= 2]
        accumulate = max(1, min(o.accumulate, len(batches) // 10))
        losses = []
        t0 = time.time()
        self.optimizer.zero_grad(set_to_none=True)
        for step, batch in enumerate(batches, 1):
            if self.should_stop():
                self.optimizer.zero_grad(set_to_none=True)
                return float(np.mean(losses)) if losses else float("nan"), True, False
            loss = self._loss(*self._batch(batch, rng)) / accumulate
            loss.backward()
            losses.append(float(loss.detach()) * accumulate)
            if step % accumulate == 0 or step == len(batches):
                torch.nn.utils.clip_grad_norm_(list(self.trainable.values()), 1.0)
                self.optimizer.step()
                self.optimizer.zero_grad(set_to_none=True)
            per_step = (time.time() - t0) / step
            remaining = (len(batches) - step) + (o.epochs - self.epoch - 1) * len(batches)
            eta = per_step * remaining
            if budget_s is not None:
                left = budget_s - (time.time() - started)
                if left <= 0:
                    if step % accumulate:
                        torch.nn.utils.clip_grad_norm_(list(self.trainable.values()), 1.0)
                        self.optimizer.step()
                        self.optimizer.zero_grad(set_to_none=True)
                    return float(np.mean(losses)), False, True
                eta = min(eta, left)
            self._emit("train", self.epoch + 1, o.epochs, step, len(batches), "", float(np.mean(losses[-20:])), eta)
        return float(np.mean(losses)) if losses else float("nan"), False, False

    # ---------------------------------------------------------------- checkpoints

    def _trainable_state(self) -> dict[str, torch.Tensor]:
        return {n: p.detach().cpu().clone() for n, p in self.trainable.items()}

    def _fingerprint(self) -> dict:
        options = self.opt.to_dict()
        return {"parent_sha256": self.loaded.config.weights_sha256,
                "options": {k: options[k] for k in WEIGHT_OPTIONS}, "data": self.data_digest}

    def save_checkpoint(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        state = {"weights": self._trainable_state(), "logit_scale": self.logit_scale.detach().cpu(),
                 "optimizer": self.optimizer.state_dict(), "epoch": self.epoch}
        tmp = self.work / (CHECKPOINT + ".part")
        torch.save(state, tmp)
        tmp.replace(self.work / CHECKPOINT)
        doc = {"fingerprint": self._fingerprint(), "epoch": self.epoch, "history": self.history,
               "best_mrr": self.best_mrr, "best_epoch": self.best_epoch, "mrr_before": self.mrr_before}
        tmp_s = self.work / (STATE + ".part")
        tmp_s.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        tmp_s.replace(self.work / STATE)

    def _save_best(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        tmp = self.work / (BEST + ".part")
        torch.save(self._trainable_state(), tmp)
        tmp.replace(self.work / BEST)

    def load_checkpoint(self) -> bool:
        """Continue a cancelled or interrupted run with the same parent, options and data."""
        state_path, ckpt = self.work / STATE, self.work / CHECKPOINT
        if not (state_path.exists() and ckpt.exists()):
            return False
        doc = json.loads(state_path.read_text(encoding="utf-8"))
        if doc.get("fingerprint") != self._fingerprint():
            self.log("an earlier run with other data or options was found; starting over")
            return False
        st = torch.load(ckpt, map_location="cpu", weights_only=True)
        with torch.no_grad():
            for n, t in st["weights"].items():
                self.trainable[n].copy_(t.to(self.device))
            self.logit_scale.copy_(st["logit_scale"].to(self.device))
        self.optimizer.load_state_dict(st["optimizer"])
        self.epoch = int(st["epoch"])
        self.history = doc["history"]
        self.best_mrr, self.best_epoch = float(doc["best_mrr"]), int(doc["best_epoch"])
        self.mrr_before = doc["mrr_before"]
        self.log(f"resumed after epoch {self.epoch}")
        return True

    # ---------------------------------------------------------------- the whole run

    def run(self, *, resume: bool = True) -> FinetuneResult:
        started = time.time()
        o = self.opt
        try:
            if not hasattr(self, "train"):
                self.prepare()
        except _Cancelled:
            self.log("cancelled while preparing; nothing was changed")
            summary = getattr(self, "summary", None) or DataSummary(0, 0, 0, 0)
            return FinetuneResult(status="cancelled", name=self.name, parent=self.parent_name, path=None,
                                  model_id=None, mrr_before=float("nan"), mrr_after=None, best_epoch=0, epochs_run=0,
                                  seconds=time.time() - started, peak_rss_mb=peak_rss_mb(), device=str(self.device),
                                  summary=summary)
        resumed = resume and self.load_checkpoint()
        if not resumed:
            if self.work.exists():
                shutil.rmtree(self.work)
            self.mrr_before = self.evaluate()
            self.best_mrr, self.best_epoch = self.mrr_before, 0
            self.log(f"held-out MRR of {self.parent_name}: {self.mrr_before:.4f} "
                     f"({len(self.query_rows)} queries over {len(self.hold)} pieces)")
            self._save_best()
            self.save_checkpoint()
        budget = o.max_minutes * 60 if o.max_minutes else None
        cancelled = False
        stale = self._stale_epochs() if self.history else 0
        while self.epoch < o.epochs:
            t0 = time.time()
            loss, cancelled, out_of_time = self.train_epoch(started, budget)
            if cancelled:
                break
            self.epoch += 1
            mrr = self.evaluate()
            better = mrr > self.best_mrr
            if better:
                self.best_mrr, self.best_epoch = mrr, self.epoch
                self._save_best()
            self.history.append({"epoch": self.epoch, "loss": round(loss, 4), "heldout_mrr": round(mrr, 4),
                                 "seconds": round(time.time() - t0, 1)})
            self.log(json.dumps(self.history[-1]))
            self.save_checkpoint()
            stale = 0 if better else stale + 1
            if stale >= o.patience:
                self.log(f"held-out MRR did not improve for {stale} epochs: stopping early")
                break
            if out_of_time or (budget is not None and time.time() - started > budget):
                self.log(f"{o.max_minutes:g} minutes spent: stopping after epoch {self.epoch}")
                break
        result = FinetuneResult(status="cancelled" if cancelled else "finished", name=self.name,
                                parent=self.parent_name, path=None, model_id=None, mrr_before=self.mrr_before,
                                mrr_after=None, best_epoch=self.best_epoch, epochs_run=self.epoch,
                                seconds=time.time() - started, peak_rss_mb=peak_rss_mb(), device=str(self.device),
                                summary=self.summary, history=list(self.history))
        if cancelled:
            self.log(f"cancelled during epoch {self.epoch + 1}; the last checkpoint is kept for resuming")
            return result
        result.mrr_after = self.best_mrr
        if self.best_epoch == 0:
            result.status = "no_improvement"
            self.log("no epoch beat the parent model on the held-out pieces; no model was written")
            shutil.rmtree(self.work, ignore_errors=True)
            return result
        self._emit("save", self.epoch, o.epochs, 0, 0, "writing the new model")
        result.path, result.model_id = self._write_model(result)
        shutil.rmtree(self.work, ignore_errors=True)
        result.peak_rss_mb = peak_rss_mb()
        return result

    def _stale_epochs(self) -> int:
        n = 0
        for h in reversed(self.history):
            if h["epoch"] == self.best_epoch:
                break
            n += 1
        return n

    def _write_model(self, result: FinetuneResult) -> tuple[Path, int]:
        best = torch.load(self.work / BEST, map_location="cpu", weights_only=True)
        model = self.model  # the run is over: its weights become the best epoch's, then leave the device
        with torch.no_grad():
            for n, t in best.items():
                self.trainable[n].copy_(t.to(self.device))
        model.cpu()
        for p in model.parameters():
            p.requires_grad_(False)
        cfg = replace(self.loaded.config, name=self.name, kind="finetuned", parent=self.parent_name,
                      training={"finetune": self.opt.to_dict(), "history": self.history,
                                "data": self.summary.as_dict(), "parent_sha256": self.loaded.config.weights_sha256},
                      metrics={"heldout_mrr_before": round(result.mrr_before, 4),
                               "heldout_mrr_after": round(self.best_mrr, 4)})
        loaded = LoadedModel(config=cfg, model=model, tokenizer=self.loaded.tokenizer, source=self.parent_path)
        folder = save_model_folder(loaded, self.settings.models_dir / self.name, card=self._card(result, cfg))
        from clamp2_engine.checkpoints import load_model_folder

        check = load_model_folder(folder, verify=True)
        rec = self.catalog.register_model(self.name, "finetuned", check.config.projection_dim,
                                          check.config.weights_sha256 or "", folder, check.config.to_dict(),
                                          parent_id=self.parent_record.id)
        return folder, rec.id

    def _card(self, result: FinetuneResult, cfg) -> str:
        s = self.summary
        return (f"# {self.name}\n\nFine-tuned on this computer from `{self.parent_name}` with `clamp2 finetune` "
                f"on the owner's own tags, titles, comments and file names.\n\n"
                f"- pieces: {s.train} for training, {s.holdout} held out\n"
                f"- held-out text->music MRR: {result.mrr_before:.4f} (parent) -> {self.best_mrr:.4f} "
                f"(epoch {self.best_epoch})\n"
                f"- trained: last {self.opt.train_layers} music layer(s) + music projection; text tower frozen\n"
                f"- licence and intended use: those of `{self.parent_name}` (see its model card)\n")

    def _emit(self, phase: str, epoch: int, epochs: int, step: int, steps: int, message: str = "",
              loss: float | None = None, eta: float | None = None) -> None:
        self.progress(FinetuneProgress(phase, epoch, epochs, step, steps, loss, eta, message))
