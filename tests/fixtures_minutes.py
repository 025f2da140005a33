"""Minutes that made the old renderer (Python-Markdown, on every view) take seconds to minutes.

Shared by tests/test_minutes.py and bench/minutes_bench.py, so the bench measures what the tests bound.
"""
from itertools import cycle, islice

MIX_PIECES = ["[a](", "**_", "`", "<", "> ", "- ", "\n", "![", "~~", "&#", "[x]: ", "|", "_", "1. ", "*a "]


def _mix(length: int) -> str:
    return "".join(islice(cycle(MIX_PIECES), length))[:length]


PATHOLOGICAL = {
    "12,000 [": "[" * 12_000,
    "12,000 *": "*" * 12_000,
    "> nested 5,000 deep": "> " * 5_000 + "x",
    "list nested 5,000 deep": "- " * 5_000 + "x",
    "ordered list 5,000 deep": "1. " * 5_000 + "x",
    "[a]( x 12,000": "[a](" * 12_000,
    "[a][b x 10,000": "[a][b" * 10_000,
    "backticks x 12,000": "`" * 12_000,
    "`a x 12,000": "`a" * 12_000,
    "< flood 12,000": "<" * 12_000,
    "<a  x 12,000": "<a " * 12_000,
    "_ line 50,000": "_" * 50_000,
    "*a **b  x 7,000": "*a **b " * 7_000,
    "25,000 short lines": "x\n" * 25_000,
    "12,500 list items": "- x\n" * 12_500,
    "table 8,000 rows": "|a|b|\n|-|-|\n" + "|x|y|\n" * 8_000,
    "50,000-char mix": _mix(50_000),
}
