"""Build tiny argos packages for the tests and the benchmark, offline and in well under a second.

A *copy* package translates every sentence into itself: a SentencePiece model
trained on a few hundred lines (identity normalization, byte fallback, so any
Unicode text survives the round trip) and a one-layer CTranslate2 Transformer
whose weights are written by hand from numpy arrays:

* token embeddings are one-hot, position encodings are ``K`` sinusoids with
  wavelengths 2, 4, ..., 2**K tokens, in separate dimensions;
* the decoder sees only positions, and its cross-attention at step ``t`` looks
  up source position ``t`` (the dot product of two such position codes peaks
  sharply at equal positions) and copies that token into the output logits;
* the source gets ``</s>`` appended, so the copy stops where the source ends;
* every other sublayer writes zeros and is a no-op on the residual stream.

With RMS layer norms and codes of constant length every norm is a fixed scale,
so the argmax at step ``t`` is source token ``t`` by a wide logit margin.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

K = 10  # position frequencies: positions are unambiguous up to 2**K tokens
MAX_POSITIONS = 1 << K
MARGIN = 30.0  # logit and attention-score gap between the right choice and any other


def training_lines(seed_text: str) -> list[str]:
    """Return a few hundred deterministic training lines from ``seed_text``'s words."""
    words = seed_text.split()
    lines = []
    for i in range(300):
        start = (i * 7) % max(1, len(words) - 12)
        lines.append(" ".join(words[start : start + 4 + i % 9]))
    return lines


def train_sentencepiece(lines: Iterable[str], vocab_size: int = 400) -> bytes:
    """Return a SentencePiece model trained on ``lines`` that round-trips any text."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        split_digits=True,
        minloglevel=2,
    )
    return model.getvalue()


def _positions(dim: int, offset: int) -> np.ndarray:
    table = np.zeros((MAX_POSITIONS, dim), dtype=np.float32)
    steps = np.arange(MAX_POSITIONS, dtype=np.float64)
    for k in range(K):
        omega = 2 * np.pi / 2 ** (k + 1)
        # Length of each code is 1 (K pairs of cos, sin scaled by 1/sqrt(K)).
        table[:, offset + 2 * k] = np.cos(omega * steps) / np.sqrt(K)
        table[:, offset + 2 * k + 1] = np.sin(omega * steps) / np.sqrt(K)
    return table


@dataclass(frozen=True)
class Shape:
    """Size of a copy model: ``dim=None`` means one-hot tokens (dim = vocabulary + 2K).

    A larger shape (``BASE``: 6 + 6 layers, 512 wide, feed-forward 2048, like an
    argos Transformer-base package) copies just the same but costs what a real
    model of that size costs per token, which is what the benchmark needs:
    the extra layers hold zeros but CTranslate2 multiplies them all the same.
    """

    dim: int | None = None
    layers: int = 1
    ffn: int = 4


TINY = Shape()
BASE = Shape(dim=512, layers=6, ffn=2048)


def write_copy_model(vocabulary: list[str], output_dir: Path, shape: Shape = TINY) -> None:
    """Write a CTranslate2 Transformer that copies its source, through a ``Converter``."""
    _import_specs_without_torch()
    import ctranslate2
    from ctranslate2.specs import transformer_spec

    class CopyConverter(ctranslate2.converters.Converter):  # type: ignore[misc]
        def _load(self) -> transformer_spec.TransformerSpec:
            return _copy_spec(vocabulary, shape)

    CopyConverter().convert(str(output_dir), force=True)


def _import_specs_without_torch() -> None:
    """Import ``ctranslate2.specs`` without torch (1.5 s here), which numpy weights never need."""
    if "ctranslate2.specs" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail fast
    try:
        import ctranslate2.specs  # noqa: F401
    finally:
        del sys.modules["torch"]


def _token_codes(vocab: int, width: int) -> np.ndarray:
    """Return one unit-length code per token: one-hot if there is room, else random signs."""
    if width == vocab:
        return np.eye(vocab, dtype=np.float32)
    signs = np.random.default_rng(0).choice([-1.0, 1.0], size=(vocab, width))
    return (signs / np.sqrt(width)).astype(np.float32)


def _copy_spec(vocabulary: list[str], shape: Shape) -> object:
    from ctranslate2.specs import transformer_spec

    vocab = len(vocabulary)
    dim = shape.dim or vocab + 2 * K  # token code | position code
    width = dim - 2 * K
    ffn = shape.ffn
    spec = transformer_spec.TransformerSpec.from_config(
        (shape.layers, shape.layers), num_heads=1, rms_norm=True
    )
    spec.config.add_source_eos = True

    codes = np.zeros((vocab, dim), dtype=np.float32)
    codes[:, :width] = _token_codes(vocab, width)
    positions = _positions(dim, width)
    pos_select = np.zeros((dim, dim), dtype=np.float32)
    pos_select[width:, width:] = np.eye(2 * K, dtype=np.float32)
    tok_select = np.zeros((dim, dim), dtype=np.float32)
    tok_select[:width, :width] = np.eye(width, dtype=np.float32)

    def zeros(*size: int) -> np.ndarray:
        return np.zeros(size, dtype=np.float32)

    def ones() -> np.ndarray:
        return np.ones(dim, dtype=np.float32)

    def mute(layer: object, cross: bool = False) -> None:
        # Self-attention and feed-forward write nothing to the residual stream.
        layer.self_attention.layer_norm.gamma = ones()  # type: ignore[attr-defined]
        layer.self_attention.linear[0].weight = zeros(3 * dim, dim)  # type: ignore[attr-defined]
        layer.self_attention.linear[1].weight = zeros(dim, dim)  # type: ignore[attr-defined]
        layer.ffn.layer_norm.gamma = ones()  # type: ignore[attr-defined]
        layer.ffn.linear_0.weight = zeros(ffn, dim)  # type: ignore[attr-defined]
        layer.ffn.linear_1.weight = zeros(dim, ffn)  # type: ignore[attr-defined]
        if cross:
            layer.attention.layer_norm.gamma = ones()  # type: ignore[attr-defined]
            layer.attention.linear[0].weight = zeros(dim, dim)  # type: ignore[attr-defined]
            layer.attention.linear[1].weight = zeros(2 * dim, dim)  # type: ignore[attr-defined]
            layer.attention.linear[2].weight = zeros(dim, dim)  # type: ignore[attr-defined]

    encoder, decoder = spec.encoder, spec.decoder
    encoder.scale_embeddings = False
    encoder.embeddings[0].weight = codes  # token x at position j: code_x + pos_j, length sqrt(2)
    encoder.position_encodings.encodings = positions
    for layer in encoder.layer:
        mute(layer)
    encoder.layer_norm.gamma = ones()  # memory = sqrt(dim / 2) * (code_x + pos_j)

    decoder.scale_embeddings = False
    decoder.embeddings.weight = zeros(vocab, dim)  # the decoder needs only its position
    decoder.position_encodings.encodings = positions
    for layer in decoder.layer[:-1]:
        mute(layer, cross=True)
    layer = decoder.layer[-1]
    mute(layer)
    # Query at step t = s * sqrt(dim) * pos_t; key j = sqrt(dim / 2) * pos_j; the score
    # (divided by sqrt(dim)) is s * sqrt(dim / 2) / K * sum_k cos(w_k (t - j)): K at t = j
    # and at most K - 3.39 elsewhere, so s sets the gap.
    scale = MARGIN * K / (3.39 * np.sqrt(dim / 2))
    layer.attention.layer_norm.gamma = ones()
    layer.attention.linear[0].weight = scale * pos_select
    layer.attention.linear[1].weight = np.concatenate([pos_select, tok_select])
    layer.attention.linear[2].weight = tok_select  # copy the attended token
    decoder.layer_norm.gamma = ones()
    # After the final norm the token part is close to sqrt(dim) * code_x; other codes
    # overlap it by at most ~4.5 / sqrt(width) (random signs), one-hot codes not at all.
    overlap = 0.0 if width == vocab else 4.5 / np.sqrt(width)
    decoder.projection.weight = codes * np.float32(MARGIN / ((1 - overlap) * np.sqrt(dim)))

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def argos_env(root: Path) -> dict[str, str]:
    """Return environment variables giving argostranslate a home of its own under ``root``.

    The package index points at a closed local port, so nothing can go online.
    """
    (root / "packages").mkdir(parents=True, exist_ok=True)
    return {
        "ARGOS_PACKAGES_DIR": str(root / "packages"),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
    }


def build_copy_package(
    path: Path,
    from_code: str = "xx",
    to_code: str = "yy",
    seed_text: str = "",
    folder: str | None = None,
    spacy_blank: bool = False,
    shape: Shape = TINY,
    vocab_size: int = 400,
    training: list[str] | None = None,
) -> Path:
    """Write ``path`` (.argosmodel): a zip with one folder holding a copy model."""
    import sentencepiece as spm

    work = path.parent / f".{path.name}.build"
    model_dir = work / "model"
    lines = training or training_lines(seed_text or _DEFAULT_TEXT)
    sp_bytes = train_sentencepiece(lines, vocab_size)
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    write_copy_model(vocabulary, model_dir, shape)
    if spacy_blank:
        import spacy

        spacy.blank("en").to_disk(work / "spacy")
    metadata = {
        "package_version": "1.0",
        "argos_version": "1.0",
        "from_code": from_code,
        "from_name": f"Test {from_code}",
        "to_code": to_code,
        "to_name": f"Test {to_code}",
        "type": "translate",
        "links": [],
    }
    top = folder or f"translate-{from_code}_{to_code}-1_0"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{top}/metadata.json", json.dumps(metadata, indent=2))
        archive.writestr(f"{top}/sentencepiece.model", sp_bytes)
        archive.writestr(f"{top}/README.md", "A copy model for tests: output = input.\n")
        for file in sorted(p for p in work.rglob("*") if p.is_file()):
            archive.write(file, f"{top}/{file.relative_to(work).as_posix()}")
    for file in sorted(work.rglob("*"), reverse=True):
        if file.is_dir():
            file.rmdir()
        else:
            file.unlink()
    work.rmdir()
    return path


_DEFAULT_TEXT = (
    "Progress in negotiations between Russia and Ukraine is still not enough for a "
    "meeting between the leaders of both countries, the Kremlin declared today. "
    "The minister assured that there has already been a long way in the talks "
    "between the delegations of both sides, but that peace will require a meeting "
    "at the highest level. On Monday, 21 March 2022, the agency said 1,200 people "
    "were evacuated from Mariupol; prices rose 3.5% in the Donbas."
)
