"""Records (column name -> text) of TSV and JSONL files, collected into a corpus.

The column (key) names are those of sacrebleu's WMT fields: ``src``, ``ref`` or
``ref:NAME`` (several references), ``hyp`` (a system named after the file
stem) or ``hyp:NAME``, and optionally ``doc_id``, ``seg_id`` and ``origlang``.
"""

from __future__ import annotations

from collections.abc import Mapping

from normtk.errors import InputError
from normtk.io.formats.text import system_name
from normtk.io.model import Corpus

_META = ("doc_id", "seg_id", "origlang")


class Rows:
    """Collects records (column -> text) into a :class:`Corpus`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.src: list[str] = []
        self.has_src = False
        self.refs: dict[str, list[str]] = {}
        self.hyps: dict[str, list[str]] = {}
        self.meta: dict[str, list[str | None]] = {key: [] for key in _META}
        self.count = 0
        self.keys: set[str] = set()

    def add(self, where: str, record: Mapping[str, str | list[str] | None]) -> None:
        keys: set[str] = set()
        for key, value in record.items():
            if key in _META:
                self.meta[key].append(None if value is None else str(value))
                keys.add(key)
            elif key == "src":
                self.src.append(self._text(where, key, value))
                self.has_src = True
                keys.add(key)
            elif key == "ref" and isinstance(value, list):
                for i, text in enumerate(value):
                    self._column(self.refs, "ref" if i == 0 else f"ref{i + 1}").append(
                        self._text(where, key, text)
                    )
                    keys.add(f"ref#{i}")
            elif key == "ref" or key.startswith("ref:"):
                self._column(self.refs, key).append(self._text(where, key, value))
                keys.add(key)
            elif key == "hyp" or key.startswith("hyp:"):
                name = system_name(self.path) if key == "hyp" else key[4:]
                if not name:
                    msg = f"{where}: empty system name in column {key!r}"
                    raise InputError(msg)
                self._column(self.hyps, name).append(self._text(where, key, value))
                keys.add(key)
            else:
                msg = (
                    f"{where}: unknown column {key!r} "
                    "(expected src, ref, ref:NAME, hyp, hyp:NAME, doc_id, seg_id, origlang)"
                )
                raise InputError(msg)
        if self.count == 0:
            self.keys = keys
        elif keys != self.keys:
            missing = sorted(self.keys ^ keys)
            msg = f"{where}: fields differ from the first record ({', '.join(missing)})"
            raise InputError(msg)
        self.count += 1

    @staticmethod
    def _column(columns: dict[str, list[str]], key: str) -> list[str]:
        return columns.setdefault(key, [])

    @staticmethod
    def _text(where: str, key: str, value: object) -> str:
        if not isinstance(value, str):
            msg = f"{where}: {key} must be a string, not {type(value).__name__}"
            raise InputError(msg)
        return value

    def corpus(self) -> Corpus:
        if self.count == 0:
            msg = f"{self.path}: no segments"
            raise InputError(msg)
        seg_ids = self.meta["seg_id"]
        return Corpus(
            self.src if self.has_src else None,
            list(self.refs.values()),
            self.hyps,
            ref_names=list(self.refs),
            seg_ids=[s or str(i + 1) for i, s in enumerate(seg_ids)] if seg_ids else [],
            doc_ids=self.meta["doc_id"],
            origlangs=self.meta["origlang"],
        )
