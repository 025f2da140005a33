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
groups) documents instead of n*size (ranked first for 2*n*size, widened only if that holds
too few groups), plus one stored-fields read per similar asset listed. Totals and facet
counts keep counting assets; only the number of pages counts groups.

Keys are 64-bit hashes kept in Whoosh columns (``content_key``, ``title_key``,
``cop_number``; see :mod:`kmapp.search.schema`). Per index version the columns are read
(one raw read per segment) and only the documents whose key occurs more than once are
kept, numbered by class; per query, only the matched ones among those are looked at, with
C loops over small class ids (bench/search_bench.py --duplicates 0.1, 20,000 assets: 0.8 ms
for a word matching 1,400 of the 2,000 copies; a search whose matches have no duplicates
pays one bitmap AND). An index built before these columns existed has none (every key 0):
nothing is grouped until ``flask reindex``.
"""
import hashlib
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from itertools import compress, repeat

from .caches import bitmap_size, budgeted_cache
from .docsets import bitmap_from_docnums
from .engine import read_numeric_column

_WORD = re.compile(r"\w+")
_ONE = re.compile("1")


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


class DuplicateTable:
    """Per index version: the documents that share a key with another one, by small class ids.

    Content classes: documents with the same file contents. Title classes: documents with the
    same normalised title, for titles that two CoPs or more have. Every mapping holds only
    documents in some class (docnum -> id; ids start at 1, 0 means "none").
    """

    def __init__(self, content: dict, title: dict, cop: dict, size: int):
        self.cop = cop  # docnum -> CoP number
        self.content_class = _class_ids(content)  # docnum -> content class
        self.title_class = _class_ids(title)  # docnum -> title class
        self.title_only = {d: t for d, t in self.title_class.items() if d not in self.content_class}
        # docnum -> id of its (title class, CoP) pair: how many CoPs have a title among some matches
        self.title_cop, self.title_cop_pairs = _pairs({d: (t, cop[d]) for d, t in self.title_class.items()})
        # docnum -> id of its (content class, title class) pair: the links between classes
        self.link, self.link_classes = _pairs({d: (c, self.title_class[d]) for d, c in self.content_class.items()
                                               if d in self.title_class})
        self.content_docs = _inverse(self.content_class)  # content class -> docnums
        self.title_only_docs = _inverse(self.title_only)  # title class -> docnums without a content class
        self.docs = bitmap_from_docnums(sorted(cop), size)  # every document in some class


def _table_size(table: DuplicateTable) -> int:
    """Estimated bytes: ~100 per mapping entry (key, value and slot), ~60 per list item."""
    mappings = (table.cop, table.content_class, table.title_class, table.title_only, table.title_cop, table.link)
    lists = (table.title_cop_pairs, table.link_classes, *table.content_docs.values(),
             *table.title_only_docs.values())
    return 100 * sum(map(len, mappings)) + 60 * sum(map(len, lists)) + bitmap_size(table.docs)


_tables = budgeted_cache("duplicates", _table_size)  # index version -> DuplicateTable


def _class_ids(keys: dict) -> dict:
    """{docnum: key} -> {docnum: small id per distinct key}."""
    ids = {}
    return {docnum: ids.setdefault(key, len(ids) + 1) for docnum, key in keys.items()}


def _pairs(values: dict):
    """{docnum: pair} -> ({docnum: pair id}, [pair of each id; index 0 unused])."""
    ids = {}
    by_doc = {docnum: ids.setdefault(pair, len(ids) + 1) for docnum, pair in values.items()}
    return by_doc, [None, *ids]


def _inverse(classes: dict) -> dict:
    docs = defaultdict(list)
    for docnum, number in classes.items():
        docs[number].append(docnum)
    return dict(docs)


def duplicate_table(searcher, version_key) -> DuplicateTable:
    """The :class:`DuplicateTable` of the searcher's index version (cached)."""
    table = _tables.get(version_key)
    if table is None:
        table = _build_table(searcher)
        _tables.put(version_key, table)
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
    return DuplicateTable(
        content={docnum: content[docnum] for docnum in content_docs},
        title={docnum: title[docnum] for docnum in title_docs},
        cop={docnum: cop[docnum] for docnum in sorted(set(content_docs) | set(title_docs))},
        size=len(content),
    )


def _shared(keys) -> set:
    return {key for key, count in Counter(keys).items() if count > 1 and key}


class Groups:
    """The groups of two or more similar assets among one search's matches.

    A group is a set of linked classes ("c", content class) and ("t", title class), named
    by its root class; its members are the matches in those classes.
    """

    def __init__(self, table: DuplicateTable, docnums: list, linking: set, root: dict, sizes: dict):
        self._table = table
        self._docnums = docnums  # the matches that are in some class
        self._linking = linking  # title classes that two CoPs or more have among the matches
        self._root = root  # class -> root class, for classes joined to others
        self._sizes = sizes  # root class -> matches in the group (two or more)
        self._matched = None  # set of docnums, made when members are first asked for
        self.absorbed = sum(sizes.values()) - len(sizes)  # assets shown under another: matches - rows

    def group_of(self, docnum: int):
        """The group of ``docnum``, or None if it stands alone."""
        content = self._table.content_class.get(docnum)
        if content:
            node = ("c", content)
        elif self._table.title_class.get(docnum) in self._linking:
            node = ("t", self._table.title_class[docnum])
        else:
            return None
        group = self._root.get(node, node)
        return group if group in self._sizes else None

    def members(self, group) -> list:
        """Every match in ``group``."""
        if self._matched is None:
            self._matched = set(self._docnums)
        nodes = [node for node, root in self._root.items() if root == group] or [group]
        docs = [self._table.content_docs[n] if kind == "c" else self._table.title_only_docs.get(n, [])
                for kind, n in nodes]
        return sorted(d for class_docs in docs for d in class_docs if d in self._matched)

    def leaders(self, ranked, wanted: int) -> list:
        """The first ``wanted`` of ``ranked`` [(docnum, score)], one per group."""
        seen, found = set(), []
        for docnum, score in ranked:
            group = self.group_of(docnum)
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
        group = self.group_of(leader)
        if group is None:
            return []
        others = [docnum for docnum in self.members(group) if docnum != leader]
        return sorted(others, key=lambda docnum: (positions.get(docnum, len(positions)), docnum))

    def all_from_other_cops(self, leader: int) -> bool:
        """Whether every other member comes from another CoP than ``leader``."""
        group = self.group_of(leader)
        cop = self._table.cop
        return group is not None and all(cop[d] != cop[leader] for d in self.members(group) if d != leader)


def similar_groups(searcher, version_key, matched: int) -> Groups | None:
    """The groups among the ``matched`` bitmap, or None when every match stands alone.

    Runs for every search whose matches include a document with a duplicate somewhere, so
    the work per match is done by C loops (map, set, Counter over small ids); Python loops
    run per distinct class only.
    """
    return groups_among(duplicate_table(searcher, version_key), matched)


def groups_among(table: DuplicateTable, matched: int) -> Groups | None:
    """The groups of :func:`similar_groups` from a :class:`DuplicateTable` (any backend's)."""
    candidates = matched & table.docs
    if not candidates:
        return None
    docnums = set_bits(candidates)

    def distinct(mapping):
        found = Counter(map(mapping.get, docnums, repeat(0)))
        found.pop(0, None)
        return found

    # A title class links its matches when two CoPs or more have it among them.
    cops_per_title = Counter(table.title_cop_pairs[pair][0] for pair in distinct(table.title_cop))
    linking = {title for title, cops in cops_per_title.items() if cops > 1}
    root = _roots((("c", content), ("t", title))
                  for content, title in (table.link_classes[link] for link in distinct(table.link))
                  if title in linking)
    sizes = Counter()
    for content, count in distinct(table.content_class).items():
        sizes[root.get(("c", content), ("c", content))] += count
    for title, count in distinct(table.title_only).items():
        if title in linking:
            sizes[root.get(("t", title), ("t", title))] += count
    sizes = {group: size for group, size in sizes.items() if size > 1}
    if not sizes:
        return None
    return Groups(table, docnums, linking, root, sizes)


def set_bits(bitmap: int) -> list:
    """The positions of the set bits, in increasing order.

    Same result as :func:`kmapp.search.docsets.docnums_from_bitmap`, about five times
    faster for a few thousand bits (the scan runs in C), which matters here because every
    match that has a duplicate somewhere is looked at.
    """
    return [match.start() for match in _ONE.finditer(bin(bitmap)[:1:-1])]


def _roots(edges) -> dict:
    """Union-find over ``edges`` [(node, node)]: {node: its component's root}."""
    parent = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for one, other in edges:
        parent[find(one)] = find(other)
    return {node: find(node) for node in list(parent)}


def clear_cache():
    """Forget the cached duplicate tables (tests, or after replacing an index)."""
    _tables.clear()
