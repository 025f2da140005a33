"""Fill English translations into kmapp/translations/en/LC_MESSAGES/messages.po from a
Python dict file (msgid -> English), keeping what is already translated.

Usage: python scripts/translate_en.py TRANSLATIONS.py
"""
import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "kmapp/translations/en/LC_MESSAGES/messages.po"


def main(source: str) -> None:
    table = runpy.run_path(source)["T"]
    with open(PO, "rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        if message.id and not message.string and message.id in table:
            message.string = table[message.id]
            message.flags.discard("fuzzy")
            filled += 1
    with open(PO, "wb") as handle:
        write_po(handle, catalog, width=100)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"filled {filled}; still untranslated {len(missing)}")
    for msgid in missing:
        print("  ", msgid)


if __name__ == "__main__":
    main(sys.argv[1])
