"""The text tokenizer of a model (XLM-R SentencePiece for the official model).

Tokenizer files are always read from a local folder; nothing is fetched from
a model hub.  ``tokenizer.json`` (the fast tokenizer) is preferred; a folder
with only ``sentencepiece.bpe.model`` is converted by transformers.
"""
from __future__ import annotations

from pathlib import Path

from clamp2_engine.errors import CheckpointError

TOKENIZER_FILES = ("tokenizer.json", "sentencepiece.bpe.model")


class TextTokenizer:
    """Text -> token ids with ``<s> ... </s>`` added, as ``tokenizer(text)`` upstream."""

    def __init__(self, hf_tokenizer, source: Path):
        self._tok = hf_tokenizer
        self.source = source

    @property
    def sep_token(self) -> str:
        return self._tok.sep_token or "</s>"

    @property
    def pad_token_id(self) -> int:
        return int(self._tok.pad_token_id if self._tok.pad_token_id is not None else 1)

    def encode(self, text: str) -> list[int]:
        return list(self._tok(text, add_special_tokens=True)["input_ids"])

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._tok.save_pretrained(str(folder))


def find_tokenizer_dir(start: Path) -> Path | None:
    """``start`` or ``start/tokenizer`` when either holds tokenizer files."""
    for candidate in (start, start / "tokenizer"):
        if any((candidate / name).exists() for name in TOKENIZER_FILES):
            return candidate
    return None


def load_tokenizer(folder: Path) -> TextTokenizer:
    from transformers import AutoTokenizer, PreTrainedTokenizerFast

    folder = Path(folder)
    if not any((folder / name).exists() for name in TOKENIZER_FILES):
        raise CheckpointError(f"{folder}: no tokenizer files (need one of {', '.join(TOKENIZER_FILES)})")
    try:
        if (folder / "tokenizer_config.json").exists() or (folder / "sentencepiece.bpe.model").exists():
            # trust_remote_code=False: a tokenizer_config.json naming Python code beside it
            # (auto_map) is refused outright instead of asking on stdin whether to run it.
            tok = AutoTokenizer.from_pretrained(str(folder), local_files_only=True, trust_remote_code=False)
        else:
            tok = PreTrainedTokenizerFast(tokenizer_file=str(folder / "tokenizer.json"), bos_token="<s>",
                                          eos_token="</s>", sep_token="</s>", cls_token="<s>", pad_token="<pad>",
                                          unk_token="<unk>", mask_token="<mask>")
    except Exception as exc:  # transformers raises many types for bad files
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CheckpointError(f"{folder}: the tokenizer files cannot be read ({first})") from None
    return TextTokenizer(tok, folder)
