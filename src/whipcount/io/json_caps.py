"""JSON held to a format's caps (:mod:`whipcount.io.list_caps`) before it is parsed (``json.loads`` would build
every item first): :func:`refuse_longest_json_array` refuses a list past the general cap with one scan of the
text, :func:`refuse_json_lists_over_caps` each list past its own cap (``organizations``, 1,000), from the
places of the text's marks; :func:`refuse_json_over_caps` checks the parsed data again. Each names the line
where the list starts and its path as the file writes it (:class:`whipcount.io.json_places.JsonPlaces`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from whipcount.errors import InputError
from whipcount.io.limits import Limits, shorten
from whipcount.io.list_caps import CapTree, cap_at, over_cap, too_many
from whipcount.io.yamlbuild import format_loc

if TYPE_CHECKING:
    import numpy as np

    from whipcount.io.json_places import JsonPlaces

__all__ = ["refuse_json_lists_over_caps", "refuse_json_over_caps", "refuse_longest_json_array"]


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


def _least_caps(tree: CapTree, depth: int = 0, out: dict[int, int] | None = None) -> dict[int, int]:
    """The smallest cap of the places of ``tree`` at each depth (the length of their paths)."""
    out = {} if out is None else out
    if tree.cap is not None:
        out[depth] = min(out.get(depth, tree.cap), tree.cap)
    for sub in tree.capped_children().values() if depth < 40 else ():
        _least_caps(sub, depth + 1, out)
    return out


def _may_be_over(structure: bytes, least: dict[int, int]) -> bool:
    """Whether an array or object of ``structure`` (the marks ``[ { , ] }`` of a text, strings taken out)
    holds more items than the smallest cap of its depth in ``least``: one count of commas by depth, with
    numpy's steps, before the places of the text's marks are found (for a text that holds no such list,
    never)."""
    import numpy as np

    s = np.frombuffer(structure, dtype=np.uint8)
    opens = (s == ord("[")) | (s == ord("{"))
    steps = opens.view(np.int8) - ((s == ord("]")) | (s == ord("}"))).view(np.int8)
    depth = np.cumsum(steps, dtype=np.int16)  # within the bound on nesting (64), checked before
    del steps
    commas = s == ord(",")
    for level in np.unique(depth[commas]).tolist():
        cap = least.get(level - 1)
        if cap is None:
            continue
        starts = np.flatnonzero(opens & (depth == level))
        owners = np.searchsorted(starts, np.flatnonzero(commas & (depth == level))) - 1
        if len(owners) and int(np.bincount(owners[owners >= 0]).max(initial=0)) >= cap:
            return True
    return False


def _sizes(places: JsonPlaces) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of every array and object of the text (by the index of its opening mark, in ``places``, in order): its
    opening mark, how many commas it holds at its own level (its items less one) and its parent (an index
    of the same arrays, -1 for the document). A comma, and an opening mark, belongs to the last container
    opened one level up before it; each level is read with numpy's steps."""
    import numpy as np

    opens = np.flatnonzero(places.is_open)
    level = places.depth[opens]  # the level of each container's items
    commas = np.flatnonzero(places.kind == ord(","))
    comma_level = places.depth[commas]
    counts = np.zeros(len(opens), dtype=np.int64)
    parent = np.full(len(opens), -1, dtype=np.int64)
    by_level = {lv: np.flatnonzero(level == lv) for lv in np.unique(level).tolist()}
    for lv, mine in by_level.items():
        owner = np.searchsorted(opens[mine], commas[comma_level == lv]) - 1
        counts[mine] += np.bincount(owner[owner >= 0], minlength=len(mine))
        up = by_level.get(lv - 1)
        if up is not None:
            p = np.searchsorted(opens[up], opens[mine]) - 1
            parent[mine] = np.where(p >= 0, up[np.maximum(p, 0)], -1)
    return opens, counts, parent


def _keys_to(places: JsonPlaces, opens: np.ndarray, parent: np.ndarray, k: int) -> tuple[str | int, ...] | None:
    """The path of the container ``k`` (of :func:`_sizes`) as the format's places go: its keys, each index of
    a list 0 (every item of a list has one place); None where a key is not found (text not well-formed)."""
    parts: list[str | int] = []
    while parent[k] >= 0:
        up = int(parent[k])
        if places.kind[opens[up]] == ord("["):
            parts.append(0)
        else:
            key = places.key_of(int(opens[k]))
            if key is None:
                return None
            parts.append(key)
        k = up
    return tuple(reversed(parts))


def refuse_json_lists_over_caps(text: str | bytes, name: str, tree: CapTree) -> None:
    """Refuse JSON ``text`` (or its UTF-8) whose list or mapping at some place holds more items than the
    place's cap in ``tree``, before it is parsed, in the words of :func:`refuse_json_over_caps`: only the
    lists longer than the smallest cap of ``tree`` are looked up (their places found from the marks of the
    text, :class:`~whipcount.io.json_places.JsonPlaces`), the first such in the order of the text refused."""
    least = _least_caps(tree)
    commas = text.count(",") if isinstance(text, str) else text.count(b",")
    if not least or commas < min(least.values()):  # no list holds more items than the commas and one
        return
    import numpy as np

    from whipcount.io.json_places import JsonPlaces, json_structure

    if not _may_be_over(json_structure(text), least):
        return
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    places = JsonPlaces(raw)
    opens, counts, parent = _sizes(places)
    for k in np.flatnonzero(counts >= min(least.values())).tolist():
        loc = _keys_to(places, opens, parent, k)
        cap = cap_at(tree, loc) if loc is not None else None
        items = int(counts[k]) + 1
        if loc is None or cap is None or items <= cap:
            continue
        at = int(places.at[opens[k]])
        where = places.loc_at(at)
        what = shorten(format_loc(where if where is not None else loc)) or "the document"
        raise InputError(f"{name}:{places.line(at)}: {too_many(what, f'{items:,}', cap)}")
