"""Fill English translations into kmapp/translations/en/LC_MESSAGES/messages.po from a
Python dict file (msgid -> English), keeping what is already translated. Plural entries
(ngettext) come from an optional dict P: singular msgid -> (English singular, English plural).

Usage: python scripts/translate_en.py TRANSLATIONS.py
"""
import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "kmapp/translations/en/LC_MESSAGES/messages.po"


def untranslated(message) -> bool:
    """No English yet; a plural entry needs every form."""
    if isinstance(message.string, (tuple, list)):
        return not all(message.string)
    return not message.string


def main(source: str) -> None:
    namespace = runpy.run_path(source)
    table = namespace["T"]
    plurals = namespace.get("P", {})
    with open(PO, "rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        if not message.id or not untranslated(message):
            continue
        if isinstance(message.id, (tuple, list)):
            forms = plurals.get(message.id[0], plurals.get(tuple(message.id)))
            if forms is None:
                continue
            message.string = tuple(forms)
        elif message.id in table:
            message.string = table[message.id]
        else:
            continue
        message.flags.discard("fuzzy")
        filled += 1
    with open(PO, "wb") as handle:
        write_po(handle, catalog, width=100)
    missing = [m.id for m in catalog if m.id and untranslated(m)]
    print(f"filled {filled}; still untranslated {len(missing)}")
    for msgid in missing:
        print("  ", msgid)


if __name__ == "__main__":
    main(sys.argv[1])
