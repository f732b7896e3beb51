"""Word lists as trie-shaped regular expressions.

Python's ``re`` tries a flat alternation (``\\bJanuary\\b|\\bFebruary\\b|...``) one word at a time at every
position of the text; a trie (``(?:Jan(?:uary)?|Feb...)``) is tried one character at a time, and a branch
whose first character differs is skipped at once.
"""

from __future__ import annotations

import re

WORD_END = r"\b"


def alternation(entries: list[str], word_start: bool = False, word_end: bool = False) -> str:
    r"""One regex for a word list, as a trie ("sa(?:id|ys?)"); a space matches any run of white space.

    At each branch the longer words are tried before the word that ends there, as in a longest-first
    alternation. With ``word_end``, an entry ending in a letter or digit must end at a word boundary
    ("Sept" does not match "Septic", "Sept." keeps its period). With ``word_start``, every entry starts at
    a word boundary, tested after its first character (``J(?<!\w.)an...`` rather than ``\bJan...``) so that
    the pattern starts with literal characters, which ``re`` searches for much faster.
    """
    trie: dict[str, dict] = {}
    for entry in entries:
        node = trie
        atoms = [r"\s+" if char == " " else re.escape(char) for char in entry]
        if word_end and entry and entry[-1].isalnum():
            atoms.append(WORD_END)
        if word_start and atoms:
            atoms[0] += r"(?<!\w.)" if _is_word_char(entry[0]) else r"(?<=\w.)"
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}
    return _trie_pattern(trie)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _trie_pattern(node: dict[str, dict]) -> str:
    # a zero-width word end is tried after the characters that could continue the word
    atoms = sorted((atom for atom in node if atom), key=lambda atom: (atom == WORD_END, atom))
    branches = [atom + _trie_pattern(node[atom]) for atom in atoms]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body
