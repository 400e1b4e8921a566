"""Writing amounts and products in replies, in the reply templates of each language.

>>> from fractions import Fraction as F
>>> phrase("lait", F(3, 2), "liter", "fr"), phrase("huile", F(1), "liter", "fr")
('1,5 L de lait', "1 L d'huile")
>>> phrase("bread", F(2), "loaf", "en"), phrase("eggs", F(1), None, "en")
('2 loaves of bread', '1 egg')
>>> enumeration(["2 L de lait", "du pain", "3 pommes"], "fr")
'2 L de lait, du pain et 3 pommes'
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from ..catalog.keys import singular
from ..lexicon import get_language
from ..models import Item
from ..textutil import fold
from .phrases import replies, straight
from .state import ListEntry

__all__ = [
    "amount_text",
    "display_name",
    "elides",
    "entry_phrase",
    "enumeration",
    "number",
    "phrase",
    "sized_name",
    "with_article",
    "written_article",
]

# a final s after these letters is not a plural mark: radis, pois, ananas (fr); hummus (en)
_INVARIABLE_BEFORE_S = {"fr": "siuaz", "en": "su"}
_AUTO_CAPITAL_BEFORE = ("\n", ".", "!", "?", ":")


def number(value: Fraction, lang: str) -> str:
    """A quantity as people write it: 3, 1.5 (en) or 1,5 (fr), at most two decimals."""
    if value.denominator == 1:
        text = str(value.numerator)
    else:
        text = f"{float(value):.2f}".rstrip("0").rstrip(".")
        if text in ("0", "-0"):
            text = f"{float(value):.2g}"
    return text.replace(".", replies(lang).raw("decimal"))


def _plural(value: Fraction, lang: str) -> bool:
    return value >= 2 if lang == "fr" else value != 1


def amount_text(quantity: Fraction, unit: str | None, lang: str) -> str:
    """An amount alone: "1,5 L", "2 bouteilles", "3"."""
    if unit is None:
        return number(quantity, lang)
    label = replies(lang).unit(unit, plural=_plural(quantity, lang))
    return replies(lang).text("amount", quantity=number(quantity, lang), unit=label)


def elides(name: str, lang: str) -> bool:
    """True when « de » before ``name`` becomes « d' »: a vowel or a mute h."""
    folded = fold(name)
    mute_h = replies(lang).words("mute_h")
    return folded[:1] in ("a", "e", "i", "o", "u") or any(folded.startswith(fold(w)) for w in mute_h)


def display_name(name: str, quantity: Fraction | None, unit: str | None, lang: str) -> str:
    """The name as shown beside its amount: one piece gets the singular of a regular plural
    (« 1 pomme » for an entry written « pommes »), other names stay as written."""
    if quantity is None or quantity > 1 or unit not in (None, "piece"):
        return name
    head, sep, tail = name.partition(" (")
    words = head.split(" ")
    index = 0 if lang == "fr" else len(words) - 1
    word = words[index]
    folded = fold(word)
    regular = (
        len(folded) > 3
        and (folded.endswith("s") and folded[-2] not in _INVARIABLE_BEFORE_S.get(lang, "s")
             or folded.endswith(("eaux", "oux")))
        and singular(folded) == folded[:-1]
    )
    if regular:
        words[index] = word[:-1]
    return " ".join(words) + sep + tail


def phrase(name: str, quantity: Fraction | None, unit: str | None, lang: str) -> str:
    """A product with its amount: « 2 L de lait », "3 eggs", or the name alone."""
    if quantity is None:
        return name
    r = replies(lang)
    shown = display_name(name, quantity, unit, lang)
    if unit is None:
        return r.text("amount_count", quantity=number(quantity, lang), name=shown)
    key = "amount_unit_elided" if elides(shown, lang) else "amount_unit"
    label = r.unit(unit, plural=_plural(quantity, lang))
    return r.text(key, quantity=number(quantity, lang), unit=label, name=shown)


def entry_phrase(entry: ListEntry, lang: str) -> str:
    """A list entry as shown in the list."""
    return phrase(entry.name, entry.quantity, entry.unit, lang)


def with_article(article: str, name: str, lang: str) -> str:
    """``article`` before ``name``, elided when the name calls for it (le → l')."""
    if article.endswith("'"):
        return article + name
    if elides(name, lang):
        folded = fold(article)
        for full, short in (("le", "l'"), ("la", "l'"), ("du", "de l'"), ("de la", "de l'")):
            if folded == full and lang == "fr":
                return short + name
    return f"{article} {name}"


def enumeration(parts: Sequence[str], lang: str, *, joiner: str = "and") -> str:
    """Parts joined by commas and "and" (or "or"): « a, b et c »."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {replies(lang).raw(joiner)} {parts[-1]}"


def _name_as_written(item: Item, text: str, lang: str) -> str:
    """The item's name, without the capital a phone puts at the start of a message or line,
    or that a common word of the language got (« Pain »); other capitals (brands) stay."""
    name = item.name
    if len(name) < 2 or not name[0].isupper() or name[1].isupper():
        return name
    offset = item.text.find(name)
    start = item.span[0] + max(offset, 0)
    before = text[:start].rstrip(" \t-*•")
    first = fold(name.split(" ", 1)[0])
    if not before or before.endswith(_AUTO_CAPITAL_BEFORE) or first in get_language(lang).words:
        return name[0].lower() + name[1:]
    return name


def sized_name(item: Item, text: str, lang: str) -> str:
    """The name of an entry made from ``item`` (parsed from ``text``), with the size of one
    container: « thon (140 g) », « eau (6 × 1,5 L) »."""
    name = _name_as_written(item, text, lang)
    if item.size is None:
        return name
    r = replies(lang)
    size = amount_text(item.size.quantity, item.size.unit, lang)
    if item.inner_count:
        return r.text("pack_size", name=name, count=item.inner_count, size=size)
    return r.text("size", name=name, size=size)


def written_article(item: Item, lang: str) -> str | None:
    """The article the user put before a product without an amount (« du », "the"), if it
    is one the replies keep."""
    folded_text = straight(fold(item.text))
    folded_name = straight(fold(item.name))
    if not folded_name or not folded_text.endswith(folded_name):
        return None
    prefix = folded_text[: len(folded_text) - len(folded_name)].strip()
    for article in replies(lang).words("articles"):
        if straight(fold(article)) == prefix:
            return article
    return None
