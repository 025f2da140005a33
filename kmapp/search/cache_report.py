"""`flask search-cache-stats`: the caches live in the app server processes, so the command
reads a running server's /healthz (the same numbers) and prints them as a table."""
import json
from urllib.parse import urlsplit
from urllib.request import urlopen

MB = 1024 * 1024


def fetch_cache_stats(base_url: str, timeout: float = 10.0) -> dict:
    """The ``search_caches`` part of ``base_url``/healthz (an http or https address)."""
    url = base_url.rstrip("/") + "/healthz"
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not an http(s) address: {base_url!r}")
    # The address is the operator's own setting (PORTAL_BASE_URL or --url), checked above.
    with urlopen(url, timeout=timeout) as response:  # nosec B310
        return json.load(response)["search_caches"]


def format_cache_stats(stats: dict) -> str:
    """A plain-text table: per cache its share, entries, memory against its limit, hit rate."""
    lines = [f"Proses {stats['pid']}: anggaran cache pencarian {stats['budget_bytes'] / MB:.0f} MB, "
             f"terpakai {stats['used_bytes'] / MB:.1f} MB",
             f"{'cache':<15}{'bagian':>7}{'entri':>9}{'MB':>9}{'batas MB':>10}{'hit':>10}{'miss':>10}"
             f"{'hit rate':>10}"]
    for name, cache in stats["caches"].items():
        lines.append(f"{name:<15}{cache['share'] * 100:>6.0f}%{cache['entries']:>9}{cache['bytes'] / MB:>9.2f}"
                     f"{cache['max_bytes'] / MB:>10.1f}{cache['hits']:>10}{cache['misses']:>10}"
                     f"{_rate(cache['hit_rate']):>10}")
    lines.append("Cache stem analyzer (dibatasi jumlah entri, di luar anggaran):")
    for name, cache in stats.get("stem_caches", {}).items():
        lines.append(f"{name:<15}{'':>7}{cache['entries']:>9}{'':>9}{'':>10}{cache['hits']:>10}"
                     f"{cache['misses']:>10}{_rate(cache['hit_rate']):>10}")
    warm_up = stats.get("warm_up")
    if warm_up:
        lines.append("Pemanasan: " + ", ".join(f"{key}={value}" for key, value in warm_up.items()))
    return "\n".join(lines)


def _rate(rate) -> str:
    return "-" if rate is None else f"{rate * 100:.1f}%"
