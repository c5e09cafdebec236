#!/usr/bin/env python3
"""po-set.py PO MSGID MSGSTR: set one translation in a .po file and clear its
fuzzy flag (for the few strings added between translator passes).  MSGID and
MSGSTR are given as plain text (real newlines, no C escapes)."""
import re
import sys


def po_quote(text):
    out = []
    parts = text.split("\n")
    for i, p in enumerate(parts):
        seg = p + ("\n" if i < len(parts) - 1 else "")
        if seg:
            out.append('"' + seg.replace("\\", "\\\\").replace('"', '\\"')
                       .replace("\n", "\\n") + '"')
    if len(out) == 1:
        return out[0]
    return '""\n' + "\n".join(out)


def po_unquote(block):
    s = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
    return (s.replace('\\n', '\n').replace('\\"', '"')
            .replace('\\t', '\t').replace('\\\\', '\\'))


def main():
    path, msgid, msgstr = sys.argv[1:4]
    text = open(path, encoding="utf-8").read()
    entries = text.split("\n\n")
    for k, e in enumerate(entries):
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', e, re.M)
        if not m or e.lstrip().startswith("#~"):
            continue
        if po_unquote(m.group(1)) != msgid:
            continue
        head = e[:m.start()]
        head = re.sub(r'^#, (.*)$', lambda f: ("#, " + ", ".join(
            x for x in f.group(1).split(", ") if x != "fuzzy"))
            if f.group(1) != "fuzzy" else "", head, flags=re.M)
        head = re.sub(r'^#\| .*\n', '', head, flags=re.M)
        head = re.sub(r'^#, \n', '', head, flags=re.M).replace("\n\n", "\n")
        entries[k] = (head + "msgid " + m.group(1) + "msgstr " +
                      po_quote(msgstr) + e[m.end():]).rstrip("\n")
        open(path, "w", encoding="utf-8").write("\n\n".join(entries))
        return 0
    sys.exit("po-set: msgid not found: " + msgid[:60])


if __name__ == "__main__":
    sys.exit(main())
