"""Evidence counts in words ("memimpin 6 pertemuan, menulis 4 aset"): the explanation shown
beside every ranked person, so nobody has to trust an opaque score. Plain text; templates
escape it."""
from flask_babel import gettext, ngettext

from ..models import TopicEvidenceKind


def evidence_phrases(counts: dict[str, int], declared: bool = False) -> list[str]:
    """`counts` is {kind: sources}; kinds with none are left out."""
    said = {
        TopicEvidenceKind.LED: lambda n: ngettext("memimpin %(num)s pertemuan", "memimpin %(num)s pertemuan", n),
        TopicEvidenceKind.AUTHORED: lambda n: ngettext("menulis %(num)s aset", "menulis %(num)s aset", n),
        TopicEvidenceKind.HANDOVER: lambda n: ngettext("memberi %(num)s serah terima", "memberi %(num)s serah terima", n),
        TopicEvidenceKind.RECEIVED: lambda n: ngettext("menerima %(num)s serah terima", "menerima %(num)s serah terima", n),
        TopicEvidenceKind.ATTENDED: lambda n: ngettext("menghadiri %(num)s pertemuan", "menghadiri %(num)s pertemuan", n),
    }
    phrases = [words(counts[str(kind)]) for kind, words in said.items() if counts.get(str(kind))]
    if declared:
        phrases.append(gettext("menyatakan keahlian ini"))
    return phrases


def joined(phrases: list[str]) -> str:
    """"a, b dan c" in the user's language."""
    if len(phrases) < 2:
        return "".join(phrases)
    return gettext("%(first)s dan %(last)s", first=", ".join(phrases[:-1]), last=phrases[-1])
