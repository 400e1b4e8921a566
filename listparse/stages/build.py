"""Stage 7, build: draft items → :class:`listparse.Item` models.

Reads: the drafts, the input text, the normalized text (for offsets), the language and the
options. Writes: ``(items, warnings)``.

Here the name is tidied: leading articles and partitives go; size words (« gros », "large")
leave the name for ``modifiers``, quality words (« bio », "frozen") stay and are copied there;
the cook's preparation (« émincé », "finely chopped") moves to the note, except for packaged
products ("2 cans chopped tomatoes"); alternatives are split off (« beurre ou margarine »).
French names keep the first alternative; English names keep the whole "X or Y" phrase, as
English ingredient lists are written, and list the others in ``alternatives`` too. A unit
whose meaning depends on the product is settled (« gousse de vanille » is a pod).
"""

from __future__ import annotations

import functools

from ..lexicon import LanguageData, UnitEntry, get_language
from ..models import Item, Size
from ..options import ParseOptions
from .assemble import Draft
from .normalize import Normalized
from .tokenize import Token

__all__ = ["build_items"]

# connectors left at either end of a name, compared on the lower-cased text, not the folded
# form (« thé » folds to "the"), and per language (« or » is gold in French)
_TRIM_MARKS = frozenset({"-", ":", "/", "&", "+", "'", ".", "*"})
_TRIM_WORDS = {"fr": frozenset({"de", "d'", "à", "et", "avec"}), "en": frozenset({"of", "a", "and", "with"})}
_TRIM_END_WORDS = {"fr": frozenset({"du", "des", "la", "le", "les"}), "en": frozenset({"the"})}


@functools.cache
def _trims(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words trimmed at the start of a name, words trimmed at its end) for a language."""
    start = _TRIM_MARKS | _TRIM_WORDS[code] | get_language(code).alternatives
    return start, start | _TRIM_END_WORDS[code]


def _text(tokens: list[Token], text: str, normalized: Normalized) -> str:
    """The input text of ``tokens``, single-spaced where the input had any space."""
    out: list[str] = []
    prev: Token | None = None
    for tok in tokens:
        if prev is not None and prev.end < tok.start:
            out.append(" ")
        start, end = normalized.span(tok.start, tok.end)
        out.append(text[start:end])
        prev = tok
    return "".join(out).strip()


def _strip_determiners(name: list[Token], data: LanguageData) -> list[Token]:
    trim_start, trim_end = _trims(data.code)
    while name:
        lows = [t.low for t in name]
        found = data.determiners.match(lows, 0)
        if found and found[1] < len(name):
            name = name[found[1] :]
            continue
        if name[0].text.lower() in trim_start and len(name) > 1:
            name = name[1:]
            continue
        break
    while name and name[-1].text.lower() in trim_end:
        name = name[:-1]
    return name


def _preparation(d: Draft, name: list[Token], data: LanguageData) -> tuple[list[Token], list[Token]]:
    """(name, note) with the cook's preparation moved out of the name."""
    packaged = d.unit is not None and d.unit.kind == "packaging"
    if packaged or not name:
        return name, []
    lows = [t.low for t in name]
    kept: list[Token] = []
    note: list[Token] = []
    i = 0
    while i < len(name):
        found = data.preparation.match(lows, i)
        if found is None and data.code == "en" and data.is_adverb(lows[i]):
            nxt = data.preparation.match(lows, i + 1)
            if nxt is not None:
                found = (True, nxt[1])
        if found is not None:
            found = _slashed(name, lows, i, found, data)
        if found is not None and (data.code == "en" or i > 0):
            if data.code == "fr":
                # French preparation follows the noun: « oignon émincé finement »
                note.extend(name[i:])
                break
            note.extend(name[i : found[1]])
            if kept and kept[-1].low in ("and", "et", ","):
                kept.pop()  # "cooked and cooled rice"
            i = found[1]
            continue
        kept.append(name[i])
        i += 1
    if not kept:
        return name, []
    return kept, note


def _slashed(name: list[Token], lows: list[str], start: int, found: tuple, data: LanguageData) -> tuple | None:
    """A preparation found at ``start``, widened over « / » to the preparations after it
    ("chopped/sliced carrots"); None when a « / » joins it to a word that is none
    ("whipped/sour cream": one of two products)."""
    end = found[1]
    while end < len(name) and name[end].text == "/" and (more := data.preparation.match(lows, end + 1)) is not None:
        end = more[1]
    if (end < len(name) and name[end].text == "/") or (start > 0 and name[start - 1].text == "/"):
        return None
    return found[0], end


def _modifiers(name: list[Token], data: LanguageData) -> tuple[list[Token], list[str]]:
    lows = [t.low for t in name]
    kept: list[Token] = []
    tags: list[str] = []
    i = 0
    while i < len(name):
        found = data.modifiers.match(lows, i)
        if found is not None:
            (tag, action), end = found
            if action != "unit" and tag and tag not in tags:
                tags.append(tag)
            if action != "drop":
                kept.extend(name[i:end])
            i = end
            continue
        kept.append(name[i])
        i += 1
    if not any(t.kind == "word" for t in kept):
        return name, tags
    return kept, tags


def _trailing_unit(name: list[Token], data: LanguageData):
    """"2 garlic cloves", "3 celery sticks": a count unit written after the product."""
    lows = [t.low for t in name]
    for start in range(1, len(name)):
        found = data.units.match(lows, start)
        if found is not None and found[1] == len(name) and found[0].trailing:
            head = lows[:start]
            # "2 whole cloves" is the spice: some word before must be a product word;
            # "4 tall pears with stalks" keeps its stalks
            if head[-1] not in ("with", "of", "and", "or", "avec", "de", "et", "ou") and any(not data.modifiers.match([w], 0) and not data.preparation.match([w], 0) for w in head):
                return name[:start], found[0], name[start:]
    return name, None, []


def _split_alternatives(name: list[Token], data: LanguageData) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for tok in name:
        if tok.low in data.alternatives:
            parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def _resolve_unit(entry: UnitEntry | None, folded_name: str) -> str | None:
    if entry is None:
        return None
    if entry.alternative and entry.triggers:
        words = set(folded_name.split())
        for trigger in entry.triggers:
            if (" " in trigger and trigger in folded_name) or trigger in words:
                return entry.alternative
    return entry.canonical


#: How much each doubt lowers an item's confidence (multiplied in).
_FLAG_PENALTIES = {"inferred_boundary": 0.85, "reversed": 0.9, "vague": 0.9, "corrected": 0.9}


def _confidence(d: Draft, name_text: str, data: LanguageData) -> float:
    """A confidence in [0, 1]: lowered by unsure segmentation, an amount found after the name,
    a unit settled by default, digits or symbols in the name, a name no vocabulary knows."""
    if not name_text:
        return 0.2
    letters = sum(map(str.isalpha, name_text))
    if letters == 0:
        return 0.05
    score = 0.95
    if letters < (len(name_text) - name_text.count(" ")) * 0.6:
        score *= 0.5
    for flag in d.flags:
        score *= _FLAG_PENALTIES.get(flag, 1.0)
    words = name_text.split()
    if len(words) > 6:
        score *= 0.75
    if d.unit is not None and d.unit.alternative:
        score *= 0.95
    if any(t.kind in ("num", "frac") for t in d.name):
        score *= 0.8
    if d.quantity is not None and d.unit is None and len(words) >= 2 and words[1].lower() in ("de", "d'", "of"):
        score *= 0.85  # "3 brouettes de sable": perhaps a unit listparse does not know
    if len(words) >= 3 and not any(w.lower() in data.words for w in words):
        score *= 0.9
    return round(max(0.0, min(1.0, score)), 3)


def build_items(
    drafts: list[Draft], text: str, normalized: Normalized, lang: str, options: ParseOptions
) -> tuple[tuple[Item, ...], tuple[str, ...]]:
    """Result items from drafts (see the module docstring)."""
    data = get_language(lang)
    items: list[Item] = []
    warnings: list[str] = []
    for d in drafts:
        if len(items) >= options.max_items:
            warnings.append(f"more than {options.max_items} items: the rest was not kept")
            break
        name = _strip_determiners(d.name, data)
        unit_entry = d.unit
        if not name and unit_entry is not None and unit_entry.kind != "physical" and d.unit_tokens:
            name, unit_entry = list(d.unit_tokens), None  # « 2 noix »: the unit word is the product
        name, prep_note = _preparation(d, name, data)
        name, tags = _modifiers(name, data)
        tags = list(dict.fromkeys(d.modifiers + tags))
        if unit_entry is None and d.quantity is not None and len(name) >= 2:
            name, unit_entry, unit_tokens = _trailing_unit(name, data)
        else:
            unit_tokens = d.unit_tokens
        parts = _split_alternatives(name, data)
        alternatives: list[str] = []
        if len(parts) > 1:
            alternatives = [_text(_strip_determiners(p, data), text, normalized) for p in parts[1:]]
            if data.code == "fr":
                name = _strip_determiners(parts[0], data)
        for alt in d.alternatives:
            alternatives.append(_text(_strip_determiners(alt, data), text, normalized))
        name_text = _text(name, text, normalized).strip(" -:,.")
        notes = [_text(n, text, normalized) for n in d.notes if n]
        if prep_note:
            notes.insert(0, _text(prep_note, text, normalized))
        note = "; ".join(n for n in notes if n) or None
        if not name_text and d.quantity is None:
            continue
        folded = " ".join(t.low for t in name)
        unit = _resolve_unit(unit_entry, folded)
        span_tokens = d.tokens or name
        if not span_tokens:
            continue
        start, end = normalized.span(span_tokens[0].start, span_tokens[-1].end)
        quantity = d.quantity
        quantity_max = d.quantity_max
        if quantity is not None and quantity_max is not None and quantity_max <= quantity:
            quantity_max = None
        size = Size(quantity=d.size[0], unit=d.size[1]) if d.size and d.size[0] is not None else None
        items.append(
            Item(
                name=name_text,
                quantity=quantity,
                quantity_max=quantity_max,
                unit=unit,
                size=size,
                inner_count=d.inner_count,
                inner_unit=d.inner_unit,
                span=(start, end),
                text=text[start:end],
                unit_text=_text(unit_tokens, text, normalized) if unit_entry is not None and unit_tokens else None,
                confidence=_confidence(d, name_text, data),
                note=note,
                modifiers=tuple(tags),
                alternatives=tuple(a for a in alternatives if a),
                flags=tuple(sorted(d.flags)),
                matches=(),
            )
        )
    return tuple(items), tuple(warnings)
