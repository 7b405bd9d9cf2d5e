"""JSON held to a format's caps (:mod:`whipcount.io.list_caps`): :func:`refuse_longest_json_array` refuses a
list past the general cap with one scan of the text before it is parsed (``json.loads`` would build every
item first), and :func:`refuse_json_over_caps` each list past its own cap once it is parsed, before anything
is validated; both name the line where the list starts and its path as the file writes it
(:class:`whipcount.io.json_places.JsonPlaces`)."""

from __future__ import annotations

from typing import Any

from whipcount.errors import InputError
from whipcount.io.limits import Limits, shorten
from whipcount.io.list_caps import CapTree, cap_at, over_cap, too_many
from whipcount.io.yamlbuild import format_loc

__all__ = ["refuse_json_over_caps", "refuse_longest_json_array"]


_CHUNK = 1 << 18  # marks of the structure read at a time: numpy's arrays for each are a few MB


def _longest(structure: bytes) -> tuple[int, int]:
    """Of the arrays and objects in ``structure`` (only ``[ { , ] }``, strings taken out): the most items
    one holds and the place (in ``structure``) of its opening bracket (the shallowest, then the first, of
    those that hold the most). A comma at a depth belongs to the last bracket opened at that depth. The marks
    are read :data:`_CHUNK` at a time, each depth of a chunk with numpy's steps, the last bracket of each
    depth carried to the next chunk: sorting every mark by its depth at once took eight bytes of several
    arrays for each mark (260 MB to refuse a list of 932,067 votes in 40 MB)."""
    import numpy as np  # only for a file with a list long enough to be refused

    best = (0, 0, 0)  # commas, then the shallowest and the first: (commas, -depth, -place)
    depth_before = 0
    last: dict[int, list[int]] = {}  # depth -> [place of the last bracket opened there, its commas so far]
    for begin in range(0, len(structure), _CHUNK):
        s = np.frombuffer(structure, dtype=np.uint8, count=min(_CHUNK, len(structure) - begin), offset=begin)
        opens = (s == ord("[")) | (s == ord("{"))
        depth = depth_before + np.cumsum(opens.view(np.int8) - ((s == ord("]")) | (s == ord("}"))).view(np.int8),
                                         dtype=np.int64)
        depth_before = int(depth[-1])
        commas = s == ord(",")
        for level in np.unique(depth[opens | commas]).tolist():
            here = depth == level
            starts = np.flatnonzero(opens & here)
            # each comma's bracket: 0 the one carried from before, k the k-th opened in this chunk
            per_open = np.bincount(np.searchsorted(starts, np.flatnonzero(commas & here)), minlength=len(starts) + 1)
            carried = last.get(level)
            if carried is not None:
                carried[1] += int(per_open[0])
            if len(starts):  # the brackets of this depth before its last are done: the most of them counts
                if carried is not None:
                    best = max(best, (carried[1], -level, -carried[0]))
                done = per_open[1:-1]
                if len(done):
                    at = int(np.argmax(done))
                    best = max(best, (int(done[at]), -level, -(begin + int(starts[at]))))
                last[level] = [begin + int(starts[-1]), int(per_open[-1])]
    for level, (place, commas_of) in last.items():
        best = max(best, (commas_of, -level, -place))
    return (best[0] + 1, -best[2]) if best[0] else (0, -1)  # a container with commas holds one item more


def refuse_longest_json_array(text: str | bytes, name: str, limits: Limits, tree: CapTree | None = None) -> None:
    """Refuse JSON ``text`` (or its UTF-8) whose longest array or object holds more than ``limits.max_items``
    items, before it is parsed (``json.loads`` would build every item first), naming its line, its path and
    the cap of its place in ``tree`` (the format's), if lower."""
    commas = text.count(",") if isinstance(text, str) else text.count(b",")
    if commas < limits.max_items:  # the commas outside strings are no more
        return
    from whipcount.io.json_places import JsonPlaces, json_structure, structure_offset

    structure = json_structure(text)  # the places of the marks are found only for a list to refuse
    if structure.count(b",") < limits.max_items:
        return
    items, place = _longest(structure)
    if items <= limits.max_items:
        return
    del structure
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    offset = structure_offset(raw, place)
    if offset is None or raw[offset] not in b"[{":  # text not well-formed, read two ways: no place to name
        raise InputError(f"{name}: {too_many('a list', f'{items:,}', limits.max_items)}")
    places = JsonPlaces(raw[:offset + 1])  # the list's path and line are in the text before it
    loc = places.loc_at(offset)
    what = shorten(format_loc(loc)) if loc else "a list"
    cap = min(cap_at(tree, loc) or limits.max_items, limits.max_items) if tree is not None and loc else limits.max_items
    raise InputError(f"{name}:{places.line(offset)}: {too_many(what, f'{items:,}', cap)}")


def refuse_json_over_caps(data: Any, text: str, name: str, tree: CapTree) -> None:
    """Refuse parsed JSON ``data`` (of ``text``) whose list or mapping at some place holds more items than
    the place's cap in ``tree``, naming the line where it starts and its path."""
    over = over_cap(data, tree)
    if over is None:
        return
    from whipcount.io.json_places import JsonPlaces

    loc, items, cap = over
    places = JsonPlaces(text.encode("utf-8", "surrogatepass"))
    at = places.offset(loc)
    line = f":{places.line(at)}" if at is not None else ""
    raise InputError(f"{name}{line}: {too_many(shorten(format_loc(loc)) or 'the document', f'{items:,}', cap)}")
