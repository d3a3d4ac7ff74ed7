"""Word indexes of source texts: built once per text, shared by threads, kept between runs.

An ``IndexStore`` hands out the ``SourceIndex`` of a text's pages. However many worker threads ask
for the same text at once, it is built once: a lock per text (keyed by the text's hash) makes the
others wait for the first. Built indexes stay in memory up to a budget of bytes (least recently
used first out), not a count of books, since one book may be a hundred times another. Given a
folder (beside the HTTP cache: see ``index_folder``), each index is also written there, named by
the text's hash, so a later run over the same text loads it instead of building it again, and
a process building one makes the others that want it (batch workers sharing the folder) wait
and load it.

The file is the index's arrays as raw bytes after a JSON header; a file that is damaged, of
another format, or for another text is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import struct
import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from citecheck.atomic import write_bytes_atomically
from citecheck.model import Page
from citecheck.process_lock import alone_among_processes, lock_for
from citecheck.verify.locate import SourceIndex, SourceText

__all__ = ["DEFAULT_MEMORY", "IndexStore", "default_store", "index_folder", "text_key"]

FORMAT = 2
"""Part of every text's key: raise it when the index's content or the word folding changes."""
DEFAULT_MEMORY = 512 * 1024 * 1024
_MAGIC = b"citecheck-index\n"
_IDENTITY_MEMO = 64


def text_key(pages: Sequence[Page]) -> str:
    """The hash naming a text's index: every page's printed label, OCR mark and text."""
    digest = hashlib.sha256(f"citecheck index {FORMAT}\n".encode())
    for page in pages:
        label = page.printed if page.printed is not None else "\x00"
        digest.update(f"\x1e{label}\x1f{int(page.ocr)}\x1f".encode())
        digest.update(page.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def index_folder(cache_dir: Path) -> Path:
    """Where indexes are kept: a folder beside the HTTP cache."""
    return cache_dir / "indexes"


class IndexStore:
    """Indexes of texts, one per text, in memory up to ``memory`` bytes and in ``folder`` if given."""

    def __init__(self, folder: Path | None = None, *, memory: int = DEFAULT_MEMORY) -> None:
        self.folder = folder
        self.memory = memory
        self.builds = 0
        """How many indexes this store built (not loaded or found in memory)."""
        self.loads = 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[SourceIndex, int]] = OrderedDict()
        self._held = 0
        self._text_locks: dict[str, threading.Lock] = {}
        self._identity: OrderedDict[tuple[int, ...], tuple[Sequence[Page], str]] = OrderedDict()

    def index(self, pages: Sequence[Page]) -> SourceIndex:
        """The index of ``pages``: from memory, else from the folder, else built (once)."""
        identity = tuple(map(id, pages))
        with self._lock:
            # The memo holds the pages, so their ids cannot be reused by other objects meanwhile;
            # it spares hashing a whole book for every quotation asked about it.
            memo = self._identity.get(identity)
            if memo is not None:
                self._identity.move_to_end(identity)
                found = self._entries.get(memo[1])
                if found is not None:
                    self._entries.move_to_end(memo[1])
                    return found[0]
        key = memo[1] if memo is not None else text_key(pages)
        with self._lock:
            text_lock = self._text_locks.setdefault(key, threading.Lock())
        with text_lock:
            with self._lock:
                found = self._entries.get(key)
            if found is not None:
                index = found[0]
            else:
                index = self._load(key, pages) or self._build_once(key, pages)
                self._hold(key, index)
        with self._lock:
            self._identity[identity] = (pages, key)
            while len(self._identity) > _IDENTITY_MEMO:
                self._identity.popitem(last=False)
        return index

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def held_bytes(self) -> int:
        """The estimated memory of the indexes held."""
        return self._held

    def _build_once(self, key: str, pages: Sequence[Page]) -> SourceIndex:
        """Built here, unless another process (a batch worker) is building it: then its file."""
        if self.folder is None:
            return self._build(key, pages)
        with alone_among_processes(lock_for(self.folder, key)):
            return self._load(key, pages) or self._build(key, pages)

    def _build(self, key: str, pages: Sequence[Page]) -> SourceIndex:
        index = SourceIndex.build(pages)
        with self._lock:
            self.builds += 1
        if self.folder is not None:
            # An index that cannot be kept is built again next time; the check goes on.
            with contextlib.suppress(OSError):
                write_bytes_atomically(self._path(key), _encode(key, index))
        return index

    def _load(self, key: str, pages: Sequence[Page]) -> SourceIndex | None:
        if self.folder is None:
            return None
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        index = _decode(key, data, pages)
        if index is not None:
            with self._lock:
                self.loads += 1
        return index

    def _hold(self, key: str, index: SourceIndex) -> None:
        size = estimated_bytes(index)
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (index, size)
            self._held += size
            # Keep at least the newest index, however large: it is the one in use.
            while self._held > self.memory and len(self._entries) > 1:
                old_key, (_, old_size) = self._entries.popitem(last=False)
                self._held -= old_size
                self._text_locks.pop(old_key, None)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.index"


def estimated_bytes(index: SourceIndex) -> int:
    """Roughly what an index holds in memory: its arrays, its text and its vocabulary."""
    words = len(index.ids)
    arrays = words * (index.ids.itemsize + index.starts.itemsize + 4)
    vocabulary = len(index.words) * 180
    return arrays + vocabulary + sys.getsizeof(index.source.text)


def _encode(key: str, index: SourceIndex) -> bytes:
    offsets = array("q", [0])
    flat = array("i")
    for positions in index.positions:
        flat.extend(positions)
        offsets.append(len(flat))
    header = json.dumps(
        {
            "format": FORMAT,
            "key": key,
            "ocr": index.ocr,
            "words": index.words,
            "count": len(index.ids),
            "itemsizes": [index.ids.itemsize, index.starts.itemsize, flat.itemsize],
        }
    ).encode()
    parts = [index.ids.tobytes(), index.starts.tobytes(), offsets.tobytes(), flat.tobytes()]
    sizes = struct.pack("<5Q", len(header), *(len(p) for p in parts))
    return b"".join([_MAGIC, sizes, header, *parts])


def _decode(key: str, data: bytes, pages: Sequence[Page]) -> SourceIndex | None:
    """The index in ``data``, or None when it is damaged or not this text's."""
    try:
        if not data.startswith(_MAGIC):
            return None
        at = len(_MAGIC)
        sizes = struct.unpack_from("<5Q", data, at)
        at += struct.calcsize("<5Q")
        header = json.loads(data[at : at + sizes[0]])
        at += sizes[0]
        ids, starts, offsets, flat = array("i"), array("q"), array("q"), array("i")
        if (
            header.get("format") != FORMAT
            or header.get("key") != key
            or header.get("itemsizes") != [ids.itemsize, starts.itemsize, flat.itemsize]
            or len(data) != at + sum(sizes[1:])
        ):
            return None
        for target, size in zip((ids, starts, offsets, flat), sizes[1:], strict=True):
            target.frombytes(data[at : at + size])
            at += size
        words: list[str] = header["words"]
        if len(ids) != header["count"] or len(starts) != len(ids) or len(offsets) != len(words) + 1:
            return None
    except (ValueError, KeyError, TypeError, struct.error):
        return None
    positions = [flat[offsets[n] : offsets[n + 1]] for n in range(len(words))]
    return SourceIndex(
        source=SourceText.from_pages(pages),
        ids=ids,
        starts=starts,
        vocabulary={word: n for n, word in enumerate(words)},
        words=words,
        positions=positions,
        ocr=bool(header["ocr"]),
    )


_DEFAULT: IndexStore | None = None
_DEFAULT_LOCK = threading.Lock()


def default_store() -> IndexStore:
    """The store of this process for callers that give none: in memory only."""
    global _DEFAULT  # noqa: PLW0603 - one store per process, made on first use
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = IndexStore()
        return _DEFAULT
