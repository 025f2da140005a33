"""Inputs people and attackers type: any text, query syntax, numbers at the edges, NUL bytes."""
from hypothesis import strategies as st

QUERY_TOKENS = ["AND", "OR", "NOT", "and", "or", "not", '"', "'", "(", ")", "-", "+", "*", "?", "~", "^", ":",
                "[", "]", "{", "}", "TO", "title:", "body:", "tags:", "asset_id:", "arsip", "pengarsipan",
                "retensi", "rapat", "sop", "\\", "/", "|", "&", "!", "\x00", "ß", "İ", "ﬁ", "ٮ", "😀", " "]
EDGE_NUMBERS = ["0", "-1", "1", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808",
                "99999999999999999999", "1e308", "NaN", "-0", "0x10", "１２", "٣"]

queries = st.one_of(
    st.text(max_size=250),
    st.lists(st.sampled_from(QUERY_TOKENS), max_size=20).map(" ".join),
    st.lists(st.sampled_from(QUERY_TOKENS), max_size=20).map("".join),
)
hostile_text = st.one_of(
    st.text(max_size=400),
    st.sampled_from(EDGE_NUMBERS),
    st.lists(st.sampled_from(QUERY_TOKENS + EDGE_NUMBERS + ["<script>", "'; DROP TABLE user;--", "%00", "..", "%"]),
             max_size=12).map("".join),
    st.binary(max_size=80).map(lambda raw: raw.decode("latin-1")),
)
