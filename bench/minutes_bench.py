"""Minutes rendering: the former path (Python-Markdown + nh3, run on every page view) against the
new one (markdown-it-py + nh3 within a cost budget, run once when minutes are saved).

    .venv/bin/python bench/minutes_bench.py [--timeout 60]

Prints Markdown tables: the pathological inputs of tests/fixtures_minutes.py (old ms, new ms,
and whether the new path parsed them or kept them as plain text), then the dearest inputs that
the form still accepts (each construct repeated up to the weight budget), then linearity.
The old path needs `pip install Markdown==3.11.3` (no longer a dependency); each old run is
a child process stopped after --timeout seconds.
"""
import argparse
import multiprocessing
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from kmapp.communities.minutes import (_PARSER, MAX_MARKUP_WEIGHT, MAX_MINUTES_CHARS,  # noqa: E402
                                       RENDER_CPU_SECONDS, _normalised, _plain_paragraphs, clean_html,
                                       markup_weight, render_minutes_html)
from tests.fixtures_minutes import PATHOLOGICAL  # noqa: E402

try:
    import markdown
except ImportError:  # the former dependency
    markdown = None

# Accepted by the weight, yet dear for markdown-it: every "](" rescans the run up to the next
# space; every unclosed "[" scans the tokens after it (quadratic in the number of "[").
MISSED_BY_THE_WEIGHT = {"link destinations in a long run": "[a](" + "b" * 1000,
                        "unclosed [ among entities": "> &#1;" * 12 + "["}
SCALING = [("[ (12,000 at x4)", "[", 3_000), ("- x\\n list items", "- x\n", 1_000),
           ("unclosed [ among entities", "> &#1;" * 12 + "[", 25)]
ACCEPTED_PATTERNS = ["- x\n", "|x|y|\n", "1. x\n", "x\n", "# h\n", "- [", "> [", "[a][b", "[a](", "[", "**_",
                     "*a **b ", "<http://a.b> ", "`a", "&amp;", "~~a~~ "]


def old_render(text: str) -> str:
    """What kmapp/communities/minutes.py did before, on every view of a meeting page."""
    return clean_html(markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html"))


def _old_child(text: str, queue) -> None:
    started, cpu = time.perf_counter(), time.thread_time()
    try:
        old_render(text)
        outcome = ""
    except RecursionError:  # deep nesting: the old page answered 500 on every view
        outcome = "RecursionError after "
    queue.put(f"{outcome}{(time.perf_counter() - started) * 1000:,.1f} / {(time.thread_time() - cpu) * 1000:,.1f}")


def time_old(text: str, timeout: float) -> str:
    if markdown is None:
        return "n/a"
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_old_child, args=(text, queue))
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.terminate()
        child.join()
        return f"> {timeout * 1000:,.0f} (stopped)"
    return queue.get() if not queue.empty() else f"crashed ({child.exitcode})"


def time_new(text: str, repeat: int = 3, render=render_minutes_html) -> str:
    """Best of `repeat` runs, "wall ms / CPU ms" (CPU: this thread's, what the budget counts)."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.thread_time()
        render(text)
        wall, cpu = min(wall, time.perf_counter() - started), min(cpu, time.thread_time() - cpu_started)
    return f"{wall * 1000:,.1f} / {cpu * 1000:,.1f}"


def time_unbounded(text: str) -> str:
    """markdown-it-py with our options, without the weight or CPU budget."""
    return time_new(text, render=lambda t: _PARSER.render(t, {"deadline": float("inf")}))


def up_to_budget(pattern: str) -> str:
    """`pattern` repeated as often as the weight budget allows (the form's limit)."""
    unit = markup_weight(pattern * 2) - markup_weight(pattern)
    text = pattern * max(1, (MAX_MARKUP_WEIGHT - markup_weight("")) // max(unit, 1))
    while markup_weight(text) > MAX_MARKUP_WEIGHT:
        text = text[:-len(pattern)]
    if pattern.startswith("|"):
        text = "|a|b|\n|-|-|\n" + text[:-len(pattern) * 2]
    return text[:MAX_MINUTES_CHARS]


def path_of(text: str) -> str:
    """Which way the new renderer went: parsed, or plain text by weight or by CPU budget."""
    if markup_weight(text) > MAX_MARKUP_WEIGHT:
        return "plain text (weight)"
    plain = clean_html(_plain_paragraphs(_normalised(text)))
    return "plain text (CPU)" if render_minutes_html(text) == plain else "markdown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=60, help="seconds allowed to each old run")
    args = parser.parse_args()

    print(f"Weight budget {MAX_MARKUP_WEIGHT:,}. Times are \"wall ms / CPU ms\" (new: best of 3; old: one run "
          f"in a child process). Load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.\n")
    print("| input | chars | weight | new path | old ms | new ms |")
    print("|---|---:|---:|---|---:|---:|")
    for name, text in PATHOLOGICAL.items():
        print(f"| {name} | {len(text):,} | {markup_weight(text):,} | {path_of(text)} | {time_old(text, args.timeout)} "
              f"| {time_new(text)} |", flush=True)

    print("\nThe dearest accepted inputs: each construct repeated up to the weight budget.\n")
    print("| construct | chars | weight | new path | old ms | new ms |")
    print("|---|---:|---:|---|---:|---:|")
    for pattern in ACCEPTED_PATTERNS:
        text = up_to_budget(pattern)
        print(f"| {pattern!r} | {len(text):,} | {markup_weight(text):,} | {path_of(text)} "
              f"| {time_old(text, args.timeout)} | {time_new(text)} |", flush=True)

    print("\nWhat the weight misses: accepted by the form, cut off by the CPU budget "
          f"({RENDER_CPU_SECONDS * 1000:.0f} ms of CPU) and kept as plain text.\n")
    print("| input | chars | weight | new path | old ms | markdown-it alone ms | new ms |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, unit in MISSED_BY_THE_WEIGHT.items():
        text = up_to_budget(unit)
        print(f"| {name} | {len(text):,} | {markup_weight(text):,} | {path_of(text)} "
              f"| {time_old(text, args.timeout)} | {time_unbounded(text)} | {time_new(text)} |", flush=True)

    print("\nScaling of markdown-it alone (no budget): doubling the input.\n")
    print("| input | x1 ms | x2 ms | x4 ms | x8 ms |")
    print("|---|---:|---:|---:|---:|")
    for name, unit, base in SCALING:
        cells = " | ".join(time_unbounded(unit * (base * k)) for k in (1, 2, 4, 8))
        print(f"| {name} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
