"""Tags without typing them: zero-shot tags from multilingual vocabularies, and
linear probes trained on the user's own tags.

Zero-shot
    A *vocabulary* (``resources/vocabularies/<name>.json``, or a user file in
    ``<data_dir>/vocabularies/``) lists labels with names in many languages
    and prompt templates per language.  A label's embedding is the mean of
    the L2-normalised text embeddings of every (language, template) prompt,
    re-normalised (prompt ensembling); the matrix is cached on disk per model
    weights (sha256) and vocabulary content.  A piece's score for a label is
    the cosine between its stored embedding and the label embedding.  The
    vocabulary's *calibration* block decides which scores become tags:

    ``center``     subtract each label's mean score over the library first
                   (removes the bias of labels that are close to everything);
    ``top_k``      consider only the k best labels of a piece;
    ``threshold``  a considered label needs at least this (centred) score;
    ``margin``     and must beat the (k+1)-th label by at least this much.

    :func:`fit_calibration` picks these on labelled pieces (micro F1 of the
    assigned tags).  Tags are written to ``piece_tags`` with source ``auto``,
    the raw cosine as score and the model id.  Re-tagging a vocabulary
    deletes *all* its auto tags (whatever model wrote them) first; user and
    probe tags are never touched.  A rejected auto tag is remembered and not
    proposed again.

Probes
    For every tag the user put on at least ``min_positives`` pieces, a
    class-balanced L2 logistic regression on the (standardised) embeddings,
    with stratified k-fold cross-validated accuracy; pieces that do not carry
    the tag and score >= 0.5 get it with source ``probe``.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from clamp2_engine.atomic_files import atomic_write_text
from clamp2_engine.catalog import Catalog, TagRecord
from clamp2_engine.errors import Clamp2Error

VOCABULARY_FORMAT = "clamp2-vocabulary"
REJECTED_META_KEY = "tagging.rejected"
MIN_LANGUAGES = 10
CALIBRATION_KEYS = ("center", "top_k", "threshold", "margin")


class VocabularyError(Clamp2Error):
    """A vocabulary file that cannot be used (with the reason)."""


# --------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Calibration:
    center: bool = True
    top_k: int = 1
    threshold: float = 0.0
    margin: float = 0.0

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Calibration":
        d = d or {}
        return cls(center=bool(d.get("center", True)), top_k=max(1, int(d.get("top_k", 1))),
                   threshold=float(d.get("threshold", 0.0)), margin=float(d.get("margin", 0.0)))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Label:
    id: str
    names: dict[str, str]
    prompts: dict[str, list[str]] = field(default_factory=dict)  # extra per-label prompts, by language

    def name(self, lang: str = "en") -> str:
        base = lang.split("_")[0].split("-")[0]
        return self.names.get(lang) or self.names.get(base) or self.names.get("en") or self.id


@dataclass(frozen=True)
class Vocabulary:
    name: str
    labels: tuple[Label, ...]
    prompts: dict[str, list[str]]
    calibration: Calibration
    description: str = ""
    path: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def languages(self) -> list[str]:
        return sorted({lang for label in self.labels for lang in label.names})

    def label(self, label_id: str) -> Label | None:
        return next((lab for lab in self.labels if lab.id == label_id), None)

    def prompts_for(self, label: Label, languages: Sequence[str] | None = None) -> list[str]:
        out: list[str] = []
        for lang, name in label.names.items():
            if languages is not None and lang not in languages:
                continue
            for template in self.prompts.get(lang) or ["{label}"]:
                text = template.replace("{label}", name)
                if text not in out:
                    out.append(text)
            for text in label.prompts.get(lang, []):
                if text not in out:
                    out.append(text)
        return out

    def content_hash(self) -> str:
        doc = {"labels": [[lab.id, lab.names, lab.prompts] for lab in self.labels], "prompts": self.prompts}
        return hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def with_calibration(self, calibration: Calibration) -> "Vocabulary":
        return replace(self, calibration=calibration)


def parse_vocabulary(doc: dict[str, Any], *, path: Path | None = None, min_languages: int = 1) -> Vocabulary:
    where = str(path) if path else "vocabulary"
    if not isinstance(doc, dict):
        raise VocabularyError(f"{where}: not a JSON object")
    name = doc.get("name") or (path.stem if path else None)
    if not name or not isinstance(name, str):
        raise VocabularyError(f"{where}: no 'name'")
    if name == "user":
        raise VocabularyError(f"{where}: 'user' is reserved for the user's own tags")
    raw_labels = doc.get("labels")
    if not isinstance(raw_labels, list) or not raw_labels:
        raise VocabularyError(f"{where}: 'labels' must be a non-empty list")
    labels: list[Label] = []
    seen: set[str] = set()
    for i, item in enumerate(raw_labels):
        if isinstance(item, str):  # shorthand: an English label name
            item = {"id": item, "names": {"en": item}}
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].strip():
            raise VocabularyError(f"{where}: label {i} needs an 'id'")
        names = item.get("names") or {"en": item["id"]}
        if not isinstance(names, dict) or not all(isinstance(v, str) and v.strip() for v in names.values()):
            raise VocabularyError(f"{where}: label {item['id']!r}: 'names' must map languages to texts")
        if len(names) < min_languages:
            raise VocabularyError(f"{where}: label {item['id']!r} has names in {len(names)} language(s), "
                                  f"{min_languages} needed")
        if item["id"] in seen:
            raise VocabularyError(f"{where}: label {item['id']!r} twice")
        seen.add(item["id"])
        extra = item.get("prompts") or {}
        labels.append(Label(item["id"].strip(), dict(names), {k: list(v) for k, v in extra.items()}))
    prompts = doc.get("prompts") or {}
    if not isinstance(prompts, dict):
        raise VocabularyError(f"{where}: 'prompts' must map languages to template lists")
    for lang, templates in prompts.items():
        if not isinstance(templates, list) or not all(isinstance(t, str) and "{label}" in t for t in templates):
            raise VocabularyError(f"{where}: prompts[{lang!r}] must be a list of templates containing '{{label}}'")
    return Vocabulary(name=name, labels=tuple(labels), prompts={k: list(v) for k, v in prompts.items()},
                      calibration=Calibration.from_dict(doc.get("calibration")),
                      description=str(doc.get("description", "")), path=path, raw=doc)


def load_vocabulary(path: str | os.PathLike[str], *, min_languages: int = 1) -> Vocabulary:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VocabularyError(f"{path}: cannot read the vocabulary ({exc})") from exc
    return parse_vocabulary(doc, path=path, min_languages=min_languages)


def builtin_vocabulary_dir(settings=None) -> Path | None:
    if settings is not None and settings.resources_dir is not None:
        d = Path(settings.resources_dir) / "vocabularies"
        if d.is_dir():
            return d
    for parent in Path(__file__).resolve().parents:
        d = parent / "resources" / "vocabularies"
        if d.is_dir():
            return d
    return None


def user_vocabulary_dir(settings) -> Path:
    return Path(settings.data_dir) / "vocabularies"


def available_vocabularies(settings=None, *, errors: list[str] | None = None) -> dict[str, Vocabulary]:
    """Built-in vocabularies, then the user's (a user file with the same name wins)."""
    dirs = [builtin_vocabulary_dir(settings)]
    if settings is not None:
        dirs.append(user_vocabulary_dir(settings))
    out: dict[str, Vocabulary] = {}
    for d in dirs:
        if d is None or not d.is_dir():
            continue
        for path in sorted(d.glob("*.json")):
            try:
                vocab = load_vocabulary(path)
            except VocabularyError as exc:
                if errors is not None:
                    errors.append(str(exc))
                continue
            out[vocab.name] = vocab
    return out


def save_calibration(path: str | os.PathLike[str], calibration: Calibration, info: dict[str, Any]) -> None:
    """Write a calibration block (plus where it came from) into a vocabulary file."""
    path = Path(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["calibration"] = {"method": "top_k_margin", **calibration.as_dict(), **info}
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


# --------------------------------------------------------------------------
# Label embeddings (prompt ensembling, cached per model weights)
# --------------------------------------------------------------------------

def _normalize(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)).astype(np.float32)


def label_embeddings(embedder, vocab: Vocabulary, cache_dir: str | os.PathLike[str] | None = None,
                     languages: Sequence[str] | None = None) -> np.ndarray:
    """``[n_labels, dim]`` unit vectors: the normalised mean of each label's normalised prompt embeddings."""
    sha = getattr(embedder.loaded.config, "weights_sha256", None) or ""
    langs = sorted(languages) if languages else None
    key = hashlib.sha256(json.dumps([vocab.content_hash(), langs]).encode()).hexdigest()[:20]
    cache = None
    if cache_dir is not None and sha:
        cache = Path(cache_dir) / sha[:32] / f"{vocab.name}-{key}.npy"
        if cache.exists():
            try:
                mat = np.load(cache)
                if mat.shape == (len(vocab.labels), embedder.dim):
                    return mat.astype(np.float32)
            except (OSError, ValueError):
                pass
    prompts = [vocab.prompts_for(lab, langs) for lab in vocab.labels]
    for lab, p in zip(vocab.labels, prompts):
        if not p:
            raise VocabularyError(f"vocabulary {vocab.name!r}: label {lab.id!r} has no name in {langs}")
    flat = [t for p in prompts for t in p]
    vecs = _normalize(np.asarray(embedder.embed_text(flat), dtype=np.float32))
    out = np.zeros((len(prompts), vecs.shape[1]), dtype=np.float32)
    start = 0
    for i, p in enumerate(prompts):
        out[i] = vecs[start:start + len(p)].mean(axis=0)
        start += len(p)
    out = _normalize(out)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(cache.name + f".{os.getpid()}.tmp.npy")
        np.save(tmp, out)
        os.replace(tmp, cache)
    return out


# --------------------------------------------------------------------------
# Calibration
# --------------------------------------------------------------------------

def adjusted_scores(scores: np.ndarray, calibration: Calibration, label_means: np.ndarray | None = None) -> np.ndarray:
    if not calibration.center:
        return scores
    means = scores.mean(axis=0) if label_means is None else label_means
    return scores - means[None, :]


def assign(scores: np.ndarray, calibration: Calibration, label_means: np.ndarray | None = None
           ) -> list[list[int]]:
    """For each row of ``scores`` ``[n, L]``, the label indices that become tags (best first)."""
    s = adjusted_scores(np.asarray(scores, dtype=np.float64), calibration, label_means)
    n, n_labels = s.shape
    k = min(calibration.top_k, n_labels)
    order = np.argsort(-s, axis=1)
    out: list[list[int]] = []
    for i in range(n):
        row = s[i]
        nxt = row[order[i, k]] if k < n_labels else -np.inf
        out.append([int(j) for j in order[i, :k]
                    if row[j] >= calibration.threshold and row[j] - nxt >= calibration.margin])
    return out


def tagging_metrics(assigned: Sequence[Sequence[int]], truth: Sequence[int]) -> dict[str, float]:
    """Micro precision/recall/F1 of assigned tags against one true label per piece (-1: none)."""
    n_true = sum(1 for t in truth if t >= 0)
    n_assigned = sum(len(a) for a in assigned)
    correct = sum(1 for a, t in zip(assigned, truth) if t >= 0 and t in a)
    precision = correct / n_assigned if n_assigned else 0.0
    recall = correct / n_true if n_true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    coverage = sum(1 for a in assigned if a) / max(len(assigned), 1)
    return {"precision": precision, "recall": recall, "f1": f1, "coverage": coverage,
            "tags_per_piece": n_assigned / max(len(assigned), 1)}


def fit_calibration(scores: np.ndarray, truth: Sequence[int], *, top_ks: Sequence[int] = (1,),
                    min_precision_gain: float = 0.0) -> tuple[Calibration, dict[str, float]]:
    """Grid search of (center, top_k, threshold, margin) maximising micro F1 on labelled pieces.

    ``truth[i]`` is the index of piece i's label in the vocabulary (-1 when
    the piece has none of them).  Thresholds and margins are tried at
    quantiles of the observed values, so the grid adapts to the model's
    score range.  Ties go to the calibration that assigns fewer tags.
    """
    scores = np.asarray(scores, dtype=np.float64)
    best: tuple[float, float, Calibration, dict[str, float]] | None = None
    for center in (True, False):
        s = adjusted_scores(scores, Calibration(center=center))
        top = np.sort(s, axis=1)[:, ::-1]
        thresholds = [-np.inf, *np.quantile(top[:, 0], [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9])]
        gaps = top[:, 0] - top[:, 1] if s.shape[1] > 1 else np.zeros(len(s))
        margins = [0.0, *np.quantile(gaps, [0.25, 0.5, 0.75])]
        for k in top_ks:
            if k > s.shape[1]:
                continue
            for thr in thresholds:
                for margin in margins:
                    cal = Calibration(center=center, top_k=k, threshold=float(thr) if np.isfinite(thr) else -1e9,
                                      margin=float(margin))
                    m = tagging_metrics(assign(scores, cal), truth)
                    key = (m["f1"], -m["tags_per_piece"])
                    if best is None or key > (best[0], best[1]):
                        best = (key[0], key[1], cal, m)
    assert best is not None
    cal = best[2]
    if cal.threshold <= -1e8:
        cal = replace(cal, threshold=-1.0)
    return cal, best[3]


# --------------------------------------------------------------------------
# Writing auto tags
# --------------------------------------------------------------------------

@dataclass
class VocabularyReport:
    vocabulary: str
    pieces: int
    tagged: int
    counts: dict[str, int]
    calibration: dict[str, Any]
    removed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def rejected(catalog: Catalog) -> set[tuple[int, int]]:
    raw = catalog.get_meta(REJECTED_META_KEY)
    if not raw:
        return set()
    try:
        return {(int(p), int(t)) for p, t in json.loads(raw)}
    except (ValueError, TypeError):
        return set()


def _vocab_tag_ids(catalog: Catalog, vocabulary: str) -> list[int]:
    return [t.id for t in catalog.tags(vocabulary)]


def clear_auto_tags(catalog: Catalog, vocabulary: str) -> int:
    """Delete every auto tag of a vocabulary (any model); user and probe tags stay."""
    ids = _vocab_tag_ids(catalog, vocabulary)
    if not ids:
        return 0
    with catalog.transaction():
        cur = catalog.db.execute(
            f"DELETE FROM piece_tags WHERE source = 'auto' AND tag_id IN ({','.join('?' * len(ids))})", ids)
        return int(cur.rowcount or 0)


def tag_library(catalog: Catalog, embedder, model_id: int, vocabularies: Iterable[Vocabulary], *,
                cache_dir: str | os.PathLike[str] | None = None, languages: Sequence[str] | None = None,
                progress: Callable[[str, int, int], None] | None = None,
                cancel=None) -> list[VocabularyReport]:
    """Zero-shot tag every embedded piece of ``model_id`` with each vocabulary (replacing its auto tags)."""
    ids, vecs = catalog.embeddings(model_id)
    skip = rejected(catalog)
    vocabs = list(vocabularies)
    reports = []
    for n, vocab in enumerate(vocabs):
        if cancel is not None and cancel.is_set():
            break
        if progress:
            progress(vocab.name, n, len(vocabs))
        lab = label_embeddings(embedder, vocab, cache_dir, languages)
        scores = vecs @ lab.T if len(ids) else np.zeros((0, len(vocab.labels)), np.float32)
        chosen = assign(scores, vocab.calibration) if len(ids) else []
        per_label: dict[int, tuple[list[int], list[float]]] = {}
        for row, labels in enumerate(chosen):
            for j in labels:
                entry = per_label.setdefault(j, ([], []))
                entry[0].append(int(ids[row]))
                entry[1].append(float(scores[row, j]))
        counts: dict[str, int] = {}
        with catalog.transaction():
            removed = clear_auto_tags(catalog, vocab.name)
            tagged: set[int] = set()
            for j, (pids, sc) in sorted(per_label.items()):
                label = vocab.labels[j]
                tag = catalog.add_tag(label.id, vocab.name, lang="en")
                keep = [(p, s) for p, s in zip(pids, sc) if (p, tag.id) not in skip]
                if not keep:
                    continue
                catalog.tag_piece([p for p, _ in keep], tag, source="auto", score=[s for _, s in keep],
                                  model_id=model_id)
                counts[label.id] = len(keep)
                tagged.update(p for p, _ in keep)
        reports.append(VocabularyReport(vocab.name, int(len(ids)), len(tagged), counts,
                                        vocab.calibration.as_dict(), removed))
    if progress:
        progress("", len(vocabs), len(vocabs))
    return reports


def accept_auto_tag(catalog: Catalog, piece_ids: Iterable[int], tag: TagRecord | int) -> None:
    """An auto (or probe) suggestion becomes the user's own tag (same tag, source ``user``)."""
    tag_id = tag.id if isinstance(tag, TagRecord) else int(tag)
    pids = [int(p) for p in piece_ids]
    with catalog.transaction():
        catalog.tag_piece(pids, tag_id, source="user")
        catalog.untag(pids, tag_id, source="auto")
        catalog.untag(pids, tag_id, source="probe")


def reject_auto_tag(catalog: Catalog, piece_ids: Iterable[int], tag: TagRecord | int) -> None:
    """Remove an auto (or probe) suggestion and remember not to propose it again."""
    tag_id = tag.id if isinstance(tag, TagRecord) else int(tag)
    pids = [int(p) for p in piece_ids]
    with catalog.transaction():
        catalog.untag(pids, tag_id, source="auto")
        catalog.untag(pids, tag_id, source="probe")
        skip = rejected(catalog) | {(p, tag_id) for p in pids}
        catalog.set_meta(REJECTED_META_KEY, json.dumps(sorted(skip)))


def tag_counts(catalog: Catalog) -> list[dict[str, Any]]:
    """One row per tag: name, vocabulary and how many pieces carry it per source."""
    rows = catalog.db.execute(
        "SELECT t.id, t.name, t.vocabulary, "
        "SUM(pt.source = 'user'), SUM(pt.source = 'auto'), SUM(pt.source = 'probe'), "
        "AVG(CASE WHEN pt.source = 'auto' THEN pt.score END) "
        "FROM tags t LEFT JOIN piece_tags pt ON pt.tag_id = t.id "
        "GROUP BY t.id ORDER BY t.vocabulary, t.name").fetchall()
    return [{"tag_id": r[0], "name": r[1], "vocabulary": r[2], "user": int(r[3] or 0), "auto": int(r[4] or 0),
             "probe": int(r[5] or 0), "mean_auto_score": None if r[6] is None else round(float(r[6]), 6)}
            for r in rows]


def auto_suggestions(catalog: Catalog, vocabulary: str | None = None, limit: int | None = None
                     ) -> list[dict[str, Any]]:
    """Pending suggestions (auto and probe tags), most confident first, for review."""
    sql = ("SELECT pt.piece_id, t.id, t.name, t.vocabulary, pt.source, pt.score, pt.model_id, p.title, f.path "
           "FROM piece_tags pt JOIN tags t ON t.id = pt.tag_id JOIN pieces p ON p.id = pt.piece_id "
           "JOIN files f ON f.id = p.file_id WHERE pt.source IN ('auto', 'probe') "
           "AND NOT EXISTS (SELECT 1 FROM piece_tags u WHERE u.piece_id = pt.piece_id AND u.tag_id = pt.tag_id "
           "AND u.source = 'user')")
    params: list[Any] = []
    if vocabulary is not None:
        sql += " AND t.vocabulary = ?"
        params.append(vocabulary)
    sql += " ORDER BY pt.score DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [{"piece_id": r[0], "tag_id": r[1], "tag": r[2], "vocabulary": r[3], "source": r[4],
             "score": r[5], "model_id": r[6], "title": r[7], "path": r[8]}
            for r in catalog.db.execute(sql, params).fetchall()]


# --------------------------------------------------------------------------
# Linear probes
# --------------------------------------------------------------------------

def fit_logistic(x: np.ndarray, y: np.ndarray, *, c: float = 1.0, iters: int = 200) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression (L-BFGS in torch); returns (weights, bias)."""
    import torch

    xt = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)).double()
    yt = torch.from_numpy(np.asarray(y, dtype=np.float64))
    pos = float(yt.sum())
    neg = float(len(yt) - pos)
    w_pos = len(yt) / (2.0 * max(pos, 1.0))
    w_neg = len(yt) / (2.0 * max(neg, 1.0))
    sw = torch.where(yt > 0.5, torch.tensor(w_pos, dtype=torch.float64), torch.tensor(w_neg, dtype=torch.float64))
    w = torch.zeros(xt.shape[1], dtype=torch.float64, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], lr=1.0, max_iter=iters, line_search_fn="strong_wolfe")
    lam = 1.0 / (c * len(yt))

    def closure():
        opt.zero_grad()
        logits = xt @ w + b
        loss = (sw * torch.nn.functional.binary_cross_entropy_with_logits(logits, yt, reduction="none")).mean()
        loss = loss + 0.5 * lam * (w * w).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return w.detach().numpy().astype(np.float32), float(b.detach()[0])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@dataclass
class Probe:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, c: float = 1.0) -> "Probe":
        mean = x.mean(axis=0)
        scale = x.std(axis=0) + 1e-6
        w, b = fit_logistic((x - mean) / scale, y, c=c)
        return cls(mean.astype(np.float32), scale.astype(np.float32), w, b)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(((x - self.mean) / self.scale) @ self.weights + self.bias)


def stratified_folds(y: np.ndarray, k: int, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for cls in (0, 1):
        idx = np.flatnonzero(y == cls)
        rng.shuffle(idx)
        for i, j in enumerate(idx):
            folds[i % k].append(int(j))
    return [np.array(sorted(f), dtype=np.int64) for f in folds]


def cross_validate(x: np.ndarray, y: np.ndarray, k: int = 5, c: float = 1.0, seed: int = 0) -> dict[str, float]:
    """Stratified k-fold accuracy and balanced accuracy of a probe (k capped by the smaller class)."""
    y = np.asarray(y).astype(np.int64)
    k = int(min(k, (y == 1).sum(), (y == 0).sum()))
    if k < 2:
        raise Clamp2Error("cross-validation needs at least 2 pieces with and 2 without the tag")
    pred = np.zeros(len(y), dtype=np.int64)
    for fold in stratified_folds(y, k, seed):
        train = np.setdiff1d(np.arange(len(y)), fold)
        probe = Probe.fit(x[train], y[train], c)
        pred[fold] = (probe.predict_proba(x[fold]) >= 0.5).astype(np.int64)
    acc = float((pred == y).mean())
    tpr = float((pred[y == 1] == 1).mean())
    tnr = float((pred[y == 0] == 0).mean())
    majority = float(max(y.mean(), 1 - y.mean()))
    return {"folds": k, "accuracy": acc, "balanced_accuracy": (tpr + tnr) / 2, "majority_baseline": majority}


@dataclass
class ProbeReport:
    tag: str
    vocabulary: str
    tag_id: int
    positives: int
    negatives: int
    cv: dict[str, float] | None
    suggested: int = 0
    skipped: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def probe_candidates(catalog: Catalog, min_positives: int = 5) -> list[tuple[TagRecord, int]]:
    rows = catalog.db.execute(
        "SELECT t.id, t.name, t.lang, t.vocabulary, COUNT(DISTINCT pt.piece_id) FROM tags t "
        "JOIN piece_tags pt ON pt.tag_id = t.id WHERE pt.source = 'user' GROUP BY t.id "
        "HAVING COUNT(DISTINCT pt.piece_id) >= ? ORDER BY t.vocabulary, t.name", (int(min_positives),)).fetchall()
    return [(TagRecord(r[0], r[1], r[2], r[3]), int(r[4])) for r in rows]


def train_probes(catalog: Catalog, model_id: int, *, min_positives: int = 5, folds: int = 5, c: float = 1.0,
                 suggest: bool = True, threshold: float = 0.5, tags: Sequence[str] | None = None
                 ) -> list[ProbeReport]:
    """Per user tag with enough pieces: cross-validated probe, then (``suggest``) probe tags on the rest."""
    ids, vecs = catalog.embeddings(model_id)
    position = {int(p): i for i, p in enumerate(ids)}
    reports: list[ProbeReport] = []
    for tag, _count in probe_candidates(catalog, min_positives):
        if tags is not None and tag.name not in tags:
            continue
        positives = {int(p) for p in catalog.piece_ids_with_tag(tag.id, source="user")}
        y = np.array([1 if int(p) in positives else 0 for p in ids], dtype=np.int64)
        n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
        report = ProbeReport(tag.name, tag.vocabulary, tag.id, n_pos, n_neg, None)
        reports.append(report)
        if n_pos < min_positives:
            report.skipped = f"only {n_pos} tagged piece(s) have an embedding for this model"
            continue
        if n_neg < 2:
            report.skipped = "every piece carries the tag: nothing to tell apart"
            continue
        report.cv = cross_validate(vecs, y, folds, c)
        if suggest:
            probe = Probe.fit(vecs, y, c)
            prob = probe.predict_proba(vecs)
            skip = rejected(catalog)
            cand = [(int(ids[i]), float(prob[i])) for i in np.flatnonzero((y == 0) & (prob >= threshold))
                    if (int(ids[i]), tag.id) not in skip]
            with catalog.transaction():
                catalog.db.execute("DELETE FROM piece_tags WHERE source = 'probe' AND tag_id = ?", [tag.id])
                if cand:
                    catalog.tag_piece([p for p, _ in cand], tag, source="probe", score=[s for _, s in cand],
                                      model_id=model_id)
            report.suggested = len(cand)
    del position
    return reports


def cache_dir_for(settings) -> Path:
    return Path(settings.data_dir) / "cache" / "label_embeddings"
