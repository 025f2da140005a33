"""Similar results, grouped: one row for the same document uploaded by ten agencies.

The rule: two matched assets belong together when their files have the same content
(the SHA-256 of the current versions of all their files), or when they have the same
normalised title and that title comes from at least two CoPs among the matches. A group
is a connected component of that relation over the *matched* assets, so groups do not
depend on the ranking and their number is exact.

Grouping is done over the whole ranked list, not within the displayed page: the group is
placed where its best-ranked member is, that member represents it and the others are
listed under it ("+ 9 aset serupa"), and page n shows groups (n-1)*size+1 .. n*size. So a
group never splits across pages and never repeats on the next one. The cost: to show page
n the ranking must reach the n*size-th group, i.e. up to n*size + (assets absorbed into
groups) documents instead of n*size (one extra ranking call at most, and only when
matches have duplicates). Totals and facet counts keep counting assets; only the number
of pages counts groups.

Keys are 64-bit hashes kept in Whoosh columns (``content_key``, ``title_key``,
``cop_number``; see :mod:`kmapp.search.schema`). Per index version the columns are read
(one raw read per segment) and only the documents whose key occurs more than once are
kept; per query, only the matched ones among those are looked at, so a search whose
matches have no duplicates pays one bitmap AND. An index built before these columns
existed has none (every key 0): nothing is grouped until ``flask reindex``.
"""
import hashlib
import re
import threading
import unicodedata
from array import array
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from itertools import compress

from .docsets import bitmap_from_docnums, docnums_from_bitmap
from .postings import read_numeric_column

_WORD = re.compile(r"\w+")
_VERSIONS_KEPT = 4
_tables = OrderedDict()  # index version -> DuplicateTable
_tables_lock = threading.Lock()


def normalised_title(title: str) -> str:
    """The title as compared for grouping: same letters and digits, case and punctuation aside."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", title or "").casefold()))


def title_key(title: str) -> int:
    """64-bit key of the normalised title (0: no title)."""
    text = normalised_title(title)
    return _hash64(text) if text else 0


def content_key(sha256s) -> int:
    """64-bit key of a set of file contents (their SHA-256 hex digests; 0: no files)."""
    digests = sorted({digest.strip().lower() for digest in sha256s or () if digest and digest.strip()})
    return _hash64(",".join(digests)) if digests else 0


def _hash64(text: str) -> int:
    value = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")
    return value or 1  # 0 means "no key"


@dataclass(frozen=True)
class DuplicateTable:
    """Per index version: the documents that share a key with another one, and their keys."""

    docs: int  # bitmap
    content: dict  # docnum -> content key (non-zero, shared)
    title: dict  # docnum -> title key (non-zero, shared by documents of two CoPs or more)
    cop: dict  # docnum -> CoP number (0: unknown)


def duplicate_table(searcher, version_key) -> DuplicateTable:
    """The :class:`DuplicateTable` of the searcher's index version (cached)."""
    with _tables_lock:
        table = _tables.get(version_key)
        if table is not None:
            _tables.move_to_end(version_key)
            return table
    table = _build_table(searcher)
    with _tables_lock:
        _tables[version_key] = table
        while len(_tables) > _VERSIONS_KEPT:
            _tables.popitem(last=False)
    return table


def _build_table(searcher) -> DuplicateTable:
    content, title, cop = array("Q"), array("Q"), array("I")
    for leaf, _offset in searcher.reader().leaf_readers():  # in docnum order, as the offsets
        content.extend(read_numeric_column(leaf, "content_key", "Q"))
        title.extend(read_numeric_column(leaf, "title_key", "Q"))
        cop.extend(read_numeric_column(leaf, "cop_number", "I"))
    shared_content = _shared(content)
    shared_title = _shared(title)
    content_docs = list(compress(range(len(content)), map(shared_content.__contains__, content)))
    title_docs = list(compress(range(len(title)), map(shared_title.__contains__, title)))
    cops_of_title = defaultdict(set)
    for docnum in title_docs:
        cops_of_title[title[docnum]].add(cop[docnum])
    title_docs = [docnum for docnum in title_docs if len(cops_of_title[title[docnum]]) > 1]
    docnums = sorted(set(content_docs) | set(title_docs))
    return DuplicateTable(
        docs=bitmap_from_docnums(docnums, len(content)),
        content={docnum: content[docnum] for docnum in content_docs},
        title={docnum: title[docnum] for docnum in title_docs},
        cop={docnum: cop[docnum] for docnum in docnums},
    )


def _shared(keys) -> set:
    return {key for key, count in Counter(keys).items() if count > 1 and key}


@dataclass(frozen=True)
class Groups:
    """The groups of two or more similar assets among one search's matches."""

    group_of: dict  # docnum -> group number
    members: list  # group number -> docnums
    cop: dict  # docnum -> CoP number

    @property
    def absorbed(self) -> int:
        """Assets shown under another one: the matches minus the rows."""
        return sum(len(members) - 1 for members in self.members)

    def leaders(self, ranked, wanted: int) -> list:
        """The first ``wanted`` of ``ranked`` [(docnum, score)], one per group."""
        seen, found = set(), []
        for docnum, score in ranked:
            group = self.group_of.get(docnum)
            if group is not None:
                if group in seen:
                    continue
                seen.add(group)
            found.append((docnum, score))
            if len(found) == wanted:
                break
        return found

    def similar_to(self, leader: int, positions: dict) -> list:
        """The other members of ``leader``'s group: ranked ones in rank order, then the rest."""
        group = self.group_of.get(leader)
        if group is None:
            return []
        others = [docnum for docnum in self.members[group] if docnum != leader]
        return sorted(others, key=lambda docnum: (positions.get(docnum, len(positions)), docnum))

    def all_from_other_cops(self, leader: int) -> bool:
        """Whether every other member comes from another CoP than ``leader``."""
        group = self.group_of.get(leader)
        own = self.cop.get(leader)
        return group is not None and all(self.cop.get(d) != own for d in self.members[group] if d != leader)


def similar_groups(searcher, version_key, matched: int) -> Groups | None:
    """The groups among the ``matched`` bitmap, or None when every match stands alone."""
    table = duplicate_table(searcher, version_key)
    candidates = matched & table.docs
    if not candidates:
        return None
    docnums = list(docnums_from_bitmap(candidates))
    parent = {docnum: docnum for docnum in docnums}

    def root(docnum):
        while parent[docnum] != docnum:
            parent[docnum] = parent[parent[docnum]]
            docnum = parent[docnum]
        return docnum

    def join(one, other):
        parent[root(one)] = root(other)

    first_with_content = {}
    by_title = defaultdict(list)
    for docnum in docnums:
        key = table.content.get(docnum)
        if key:
            join(docnum, first_with_content.setdefault(key, docnum))
        key = table.title.get(docnum)
        if key:
            by_title[key].append(docnum)
    for same_title in by_title.values():
        if len({table.cop[docnum] for docnum in same_title}) > 1:  # from two CoPs or more
            for docnum in same_title[1:]:
                join(docnum, same_title[0])
    components = defaultdict(list)
    for docnum in docnums:
        components[root(docnum)].append(docnum)
    members = [group for group in components.values() if len(group) > 1]
    if not members:
        return None
    group_of = {docnum: number for number, group in enumerate(members) for docnum in group}
    return Groups(group_of, members, table.cop)


def clear_cache():
    """Forget the cached duplicate tables (tests, or after replacing an index)."""
    with _tables_lock:
        _tables.clear()
