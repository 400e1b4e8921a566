"""Stage 6, assemble: chunks → draft items (amount, unit, size, name, note, flags).

Reads: the chunks of the segment stage and the language. Writes: :class:`Draft` items, still
as tokens; the build stage turns them into result models.

One item reads, in order: openers (« et puis », « je voudrais »), an approximate or vague
marker (« environ », « quelques »), an amount (« deux », « 1 1/2 », « un kilo et demi »,
« 2 à 3 »), a unit (« cuillères à soupe », "fl oz"), a container size (« 2 x 400 g »,
"1 (14 ounce) can", « sachet de 90 g », "a 5 lb bag"), the partitive (« de », "of"), then the
name up to the next item. A new item starts at a chaining word followed by an amount or an
article (« et trois baguettes »), at a strong chaining word (« puis », "then"), or, with no
punctuation, at a new amount or a partitive after a name (« deux litres de lait trois
baguettes du beurre » is three items).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..lexicon import LanguageData, UnitEntry, bare_token, get_language, product_phrases, slipped
from ..units import conversion_factor, quantity_of
from .clean import CORRECTED
from .join import COMPOUND
from .quantities import QuantityMatch, read_and_a_half, read_quantity
from .tokenize import Token

__all__ = ["Draft", "assemble"]

_WEAK_SEPARATORS = frozenset({("et",), ("and",)})
#: a unit's partitive after words that describe (« tranche épaisse de jambon »)
_UNIT_PARTITIVES = frozenset({"de", "d'", "des", "of"})
#: "1 cup plus 2 tablespoons", "2 cups minus 2 tablespoons": how a second amount counts
_COMPOUND_SIGNS = {"plus": 1, "+": 1, "minus": -1, "less": -1, "moins": -1}
#: words after which an article opens no item (« dans une boîte », "from a jar")
_PREPOSITIONS = frozenset({"in", "into", "from", "with", "on", "dans", "avec", "sur", "en"})
_OPEN = {"(": ")", "[": "]"}
_MULTIPLY = frozenset({"x", "×", "fois"})
_PARTITIVES = frozenset({"du", "des", "de la", "de l'", "some"})
#: Words after an opener of places.tsv ("from", « au ») within which a place must be named.
_PLACE_WINDOW = 4
_CLOSERS = frozenset({"into", "in", "with", "and", "to", "for", "until", "at", "on", "from", "then", "or", "of"})

#: the endings of most French infinitives (« pour dorer », « pour garnir »); the verbs of other
#: endings a recipe writes after « pour » (« pour cuire ») are notes of notes.txt
_FR_INFINITIVE = ("er", "ir")


@dataclass
class Draft:
    """An item being assembled (tokens not yet turned into text)."""

    tokens: list[Token] = field(default_factory=list)  # every token of the item, for its span
    opens: int = 0  # the index of the item's first token, after any lead-in
    quantity: Fraction | None = None
    quantity_max: Fraction | None = None
    unit: UnitEntry | None = None
    unit_tokens: list[Token] = field(default_factory=list)
    size: tuple[Fraction, str] | None = None
    inner_count: int | None = None
    inner_unit: str | None = None
    name: list[Token] = field(default_factory=list)
    alternatives: list[list[Token]] = field(default_factory=list)
    notes: list[list[Token]] = field(default_factory=list)
    modifiers: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    def __repr__(self) -> str:
        amount = "" if self.quantity is None else f"{self.quantity}"
        if self.quantity_max is not None:
            amount += f"-{self.quantity_max}"
        unit = self.unit.canonical if self.unit else ""
        size = f" size={self.size[0]} {self.size[1]}" if self.size else ""
        name = " ".join(t.text for t in self.name)
        alts = f" alt={[' '.join(t.text for t in a) for a in self.alternatives]}" if self.alternatives else ""
        notes = f" note={[' '.join(t.text for t in n) for n in self.notes]}" if self.notes else ""
        flags = f" flags={sorted(self.flags)}" if self.flags else ""
        return f"<{amount} {unit} {name!r}{size}{alts}{notes}{flags}>"


class _Reader:
    """Reads the items of one chunk; holds the chunk, its folded tokens and the language."""

    def __init__(self, tokens: list[Token], data: LanguageData):
        self.toks = _split_compound_amounts(tokens, data)
        self.lows = [t.low for t in self.toks]
        self.n = len(self.toks)
        self.data = data
        self.lang = data.code
        self.speech = not any(t.kind == "punct" for t in self.toks)

    # --- small look-ups -------------------------------------------------------------------
    def quantity(self, i: int) -> QuantityMatch | None:
        return read_quantity(self.toks, self.lows, i, self.n, self.lang)

    def unit(self, i: int):
        if i >= self.n or self.toks[i].kind != "word":
            return None
        return self.data.units.match(self.lows, i)

    def slipped_unit(self, i: int):
        """A unit word typed with a slip right after a number ("1 tabelspoon", « 2 brache de
        thym »): one letter left out, added, changed or two swapped in a unit word of six
        letters or more (see :func:`~listparse.lexicon.slipped`)."""
        if i >= self.n or self.toks[i].kind != "word":
            return None
        entry = slipped(self.data.units, self.lows[i], self.data)
        return None if entry is None else (entry, i + 1)

    def qualified_unit(self, d: Draft | None, i: int, *, connectors: bool = False):
        """A unit at i, after qualifiers (« une bonne pincée », "2 heaped tbsp") and, when
        ``connectors``, after « de » / "of a" (« trois quarts de cuillère », "a quarter of a cup").

        Returns (entry, unit start, unit end) or None; qualifiers go to ``d.modifiers``.
        """
        j = i
        tags = []
        while j < self.n:
            found = self.data.modifiers.match(self.lows, j)
            if found is None or found[0][1] == "keep":
                break
            tags.append(found[0][0])
            j = found[1]
        starts = [j]
        if connectors:
            k = j
            while k < self.n and self.lows[k] in ("de", "d'", "of", "a", "an", "une", "un"):
                k += 1
                starts.append(k)
        for s in starts:
            u = self.unit(s)
            if u is not None and not self._opens_product(i, u[1]) and not self._opens_product(s, u[1]):
                if d is not None:
                    d.modifiers.extend(t for t in tags if t and t not in d.modifiers)
                return u[0], s, u[1]
        return None

    def _product_name_end(self, start: int) -> int:
        """The end of the product name of several words of the synonym lexicon that starts at
        ``start`` ("tin foil", « sacs poubelle »), plurals read as singulars; ``start`` when none
        does."""
        table = product_phrases()
        found = table.match([bare_token(t) for t in self.lows[start : start + table.max_len]], 0)
        return start if found is None else start + found[1]

    def _in_product_name(self, d: Draft, rest: int) -> bool:
        """Whether the name so far and the words after its « et » / "and" (at ``rest``) make a
        product name of the synonym lexicon ("mac and cheese", "cheese and onion crisps")."""
        start = next((j for j in range(rest) if self.toks[j] is d.name[0]), None)
        return start is not None and self._product_name_end(start) > rest

    def _opens_product(self, start: int, end: int) -> bool:
        """Whether the unit word at ``start:end`` opens a product name of several words of the
        synonym lexicon with the word right after it ("tin foil", « sacs poubelle », « petits
        pots bébé »): then it is part of the name. After a partitive it is a unit all the same
        (« feuille de laurier »)."""
        if end >= self.n or self.lows[end] in ("de", "d'", "of"):
            return False
        return self._product_name_end(start) > end

    def skip_plural_mark(self, i: int) -> int:
        """Skip a glued « (s) » after a unit: « pièce(s) »."""
        if (
            i + 2 < self.n
            and self.toks[i].text == "("
            and self.toks[i + 2].text == ")"
            and self.toks[i].start == self.toks[i - 1].end
            and len(self.toks[i + 1].text) <= 2
        ):
            return i + 3
        return i

    def connectors(self, i: int) -> int:
        while i < self.n:
            found = self.data.determiners.match(self.lows, i)
            if not found:
                break
            i = found[1]
        return i

    def amount(self, i: int, *, physical_only: bool = False):
        """(quantity match, unit entry, unit end, unit start) of "number [unit]" at i, or None."""
        q = self.quantity(i)
        if q is None or q.article_only:
            return None
        j = q.end
        if j < self.n and self.toks[j].text == "-" and self.unit(j + 1):
            j += 1
        u = self.unit(j)
        if u is None:
            if physical_only:
                return None
            return q, None, j, j
        entry, end = u
        if physical_only and entry.kind != "physical":
            return None
        return q, entry, end, j

    def item_starts(self, i: int) -> bool:
        """Does an item start at i (an amount, an article, a partitive, a vague word)?"""
        if i >= self.n:
            return False
        lows = self.lows
        if self.data.vague.match(lows, i) or self.data.approx.match(lows, i):
            return True
        if self.data.leadins.match(lows, i) and not self.data.separators.match(lows, i):
            return True
        det = self.data.determiners.match(lows, i)
        if det and " ".join(lows[i : det[1]]) in _PARTITIVES | {"the", "le", "la", "les", "l'"}:
            return det[1] < self.n
        q = self.quantity(i)
        if q is None:
            return False
        return q.end < self.n and self.toks[q.end].kind == "word" or not q.article_only

    # --- one item ---------------------------------------------------------------------------
    def read_item(self, pos: int) -> tuple[Draft | None, int]:
        d = Draft()
        pos = self._openers(pos)
        if pos >= self.n:
            return None, self.n
        first = d.opens = pos
        pos = self._leading_note(d, pos)
        pos = self._amount_part(d, pos)
        pos, end = self._name_part(d, pos)
        d.tokens = self.toks[first:end]
        return d, pos

    def _openers(self, pos: int) -> int:
        data = self.data
        while pos < self.n:
            found = (
                data.separators.match(self.lows, pos)
                or data.leadins.match(self.lows, pos)
                or data.fillers.match(self.lows, pos)
            )
            if found and found[1] < self.n:
                pos = found[1]
                continue
            if self.toks[pos].kind == "punct" and self.toks[pos].text not in "([~" or self.lows[pos] in self.data.alternatives:
                pos += 1  # a leading "OR one 13-ounce can" is the whole item
                continue
            break
        return pos

    def _listing(self, d: Draft) -> bool:
        """Whether an item of unpunctuated text opened as one of a spoken list does, with an
        article or an amount (« du pain du beurre », « deux litres de lait du pain »): only then
        does a partitive start the next item. « jambon du pays » is one item."""
        opener = self.data.determiners.match(self.lows, d.opens) or self.data.vague.match(self.lows, d.opens)
        return opener is not None or d.quantity is not None or d.unit is not None

    def _article_before_amount(self, pos: int) -> int | None:
        """Where the amount starts after an article or possessive that opens the item, when a
        number or a unit follows it (« les 2 bouteilles », « le litre de », "the bottle of"), not
        after a partitive."""
        found = self.data.determiners.match(self.lows, pos)
        if found is None or found[1] >= self.n:
            return None
        if " ".join(self.lows[pos : found[1]]) in _PARTITIVES | {"de", "d'"}:
            return None  # « de la feuille d'or »: a partitive makes the whole phrase the product
        after = found[1]
        if self.quantity(after) is not None or self.qualified_unit(None, after) is not None:
            return after
        return None

    def _leading_note(self, d: Draft, pos: int) -> int:
        """« selon le goût Poivre »: a note of two words or more before the item."""
        found = self.data.notes.match(self.lows, pos)
        if found is not None and found[1] - pos >= 2 and found[1] < self.n:
            d.notes.append(self.toks[pos : found[1]])
            return found[1]
        return pos

    def _amount_part(self, d: Draft, pos: int) -> int:
        data, lows = self.data, self.lows
        # "Scant ½ cup", « une bonne » …: a qualifier before the number
        found = data.modifiers.match(lows, pos)
        if found is not None and found[0][1] == "unit" and self.quantity(found[1]) is not None:
            if found[0][0]:
                d.modifiers.append(found[0][0])
            pos = found[1]
        found = data.approx.match(lows, pos)
        if found and found[1] < self.n:
            d.flags.add("approximate")
            pos = found[1]
        found = data.vague.match(lows, pos)
        if found:
            d.flags.add("vague")
            return self._unit_and_after(d, self.connectors(found[1]), counted=False)
        q = self.quantity(pos)
        if q is not None and q.end < self.n and self.toks[q.end].text == "%" and q.value is not None:
            return pos  # "2% milk", « 0% MG »: a rate that names the product, not its amount
        if q is not None and self._number_names_kinds(q):
            return pos  # "Four Cheese Pizza", "7 grain bread": the number names the product
        if q is None and (after := self._article_before_amount(pos)) is not None:
            pos, q = after, self.quantity(after)  # « la bouteille de lait », "the 2 cans of tuna"
        if q is None:
            # "pinch crushed chillies", « large handful basil »: a unit with no number
            u = self.qualified_unit(None, pos)
            if u is not None and u[0].kind != "physical" and u[2] < self.n and self.toks[u[2]].kind == "word":
                return self._unit_and_after(d, pos, counted=False)
            # « litre de lait », "pound of butter": a measure with its partitive means one of it
            # (without the partitive the word may be a name: "pound cake")
            if (
                u is not None
                and u[0].kind == "physical"
                and u[2] + 1 < self.n
                and lows[u[2]] in ("de", "d'", "of")
                and self.toks[u[2] + 1].kind == "word"
            ):
                d.quantity = Fraction(1)
                return self._unit_and_after(d, pos)
            return self.connectors(pos)
        found = data.vague.match(lows, q.end)
        if found and q.value == 1:
            d.flags.add("vague")  # « 1 peu de sel »
            return self._unit_and_after(d, self.connectors(found[1]), counted=False)
        if q.article_only:
            # "a 5 lb bag", « une 2 kg »: the article counts the container that follows
            inner = self.amount(q.end)
            if inner is not None and inner[1] is not None:
                q2, entry, end, _ = inner
                after = self.unit(end)
                if entry.kind == "physical" and after and after[0].kind == "packaging":
                    d.quantity = Fraction(1)
                    d.size = (q2.value, entry.canonical)
                    return self._unit_and_after(d, end)
                if entry.kind == "packaging" and q2.value is not None and q2.value.denominator == 1:
                    # "a 6 pack of beer": one pack of six
                    d.quantity = Fraction(1)
                    d.inner_count = int(q2.value)
                    d.unit = entry
                    d.unit_tokens = self.toks[inner[3] : end]
                    return self.connectors(end)
                q = q2
                if q.value is None:
                    return self.connectors(pos)
            elif q.end >= self.n or self.toks[q.end].kind != "word":
                return self.connectors(pos)
        if self.toks[pos].mark == CORRECTED:
            d.flags.add("corrected")
        d.quantity, d.quantity_max = q.value, q.value_max
        d.flags |= q.flags
        pos = q.end
        # "2 x 400g cans", « 6x33cl », "4 x small duck breasts"
        if pos < self.n and lows[pos] in _MULTIPLY:
            inner = self.amount(pos + 1, physical_only=True)
            if inner is not None:
                q2, entry, end, _ = inner
                d.size = (q2.value, entry.canonical)
                d.flags.add("multiplier")
                end = self._skip_alt_amount(end)
                return self._unit_and_after(d, end, container_only=True)
            return self._unit_and_after(d, pos + 1)
        # "2 15-ounce cans", "1 (14 ounce) can", "2 (28-ounce) cans"
        sized = self._size_before_container(d, pos)
        if sized is not None:
            return sized
        return self._unit_and_after(d, self._skip_alt_amount(pos))  # "1 (1-inch) piece ginger"

    def _size_before_container(self, d: Draft, pos: int) -> int | None:
        if pos < self.n and self.toks[pos].text == "(":
            close = self._close(pos)
            inner = self.amount(pos + 1, physical_only=True)
            if inner is not None and close is not None and inner[2] <= close:
                u = self.unit(close + 1)
                if u and u[0].kind == "packaging":
                    d.size = (inner[0].value, inner[1].canonical)
                    return self._unit_and_after(d, close + 1)
            return None
        inner = self.amount(pos, physical_only=True)
        if inner is not None:
            q2, entry, end, _ = inner
            u = self.unit(end)
            if u and u[0].kind == "packaging":
                d.size = (q2.value, entry.canonical)
                return self._unit_and_after(d, end)
        return None

    def _unit_and_after(self, d: Draft, pos: int, *, container_only: bool = False, counted: bool = True) -> int:
        lows = self.lows
        if pos < self.n and self.toks[pos].text == "-" and self.unit(pos + 1):
            pos += 1
        u = self.qualified_unit(d, pos, connectors=counted)
        if u is None and d.quantity is not None and (slip := self.slipped_unit(pos)) is not None:
            u = (slip[0], pos, slip[1])
        if u is not None and not (container_only and u[0].kind == "physical"):
            entry, pos, end = u
            # a unit word must be followed by a name, or stand after an amount at the end
            d.unit = entry
            d.unit_tokens = self.toks[pos:end]
            pos = self.skip_plural_mark(end)
            extra = read_and_a_half(self.toks, lows, pos, self.n, self.lang)
            if extra is not None and d.quantity is not None:
                d.quantity += extra[0]
                pos = extra[1]
            pos = self._decimal_tail(d, entry, pos)
            # qualifiers after the unit: « 1 c. à café rase »
            while pos < self.n:
                found = self.data.modifiers.match(lows, pos)
                if found is None or found[0][1] != "unit":
                    break
                pos = found[1]
            pos = self._compound_amount(d, entry, pos)
            pos = self._skip_alt_amount(pos)
            if entry.kind == "physical":
                pos = self._unit_range(d, entry, pos)
                # "400ml can of coconut milk": no count, so the amount stays; the can is a note
                u2 = self.unit(pos)
                if u2 and u2[0].kind == "packaging" and u2[1] < self.n and self.toks[u2[1]].kind == "word":
                    d.notes.append(self.toks[pos : u2[1]])
                    pos = u2[1]
        pos = self.connectors(self._unit_qualifiers(d, pos))
        if d.unit is not None and d.unit.kind == "packaging":
            pos = self._container_contents(d, pos)
        return pos

    def _unit_qualifiers(self, d: Draft, pos: int) -> int:
        """Words that describe, between a unit and its partitive (« 4 branches fraîches de
        romarin », « 1 tranche épaisse de jambon »): they go to the note, and the product
        follows the partitive."""
        if d.unit is None:
            return pos
        j = pos
        while j < self.n and self.toks[j].kind == "word" and self._is_qualifier(self.toks[j]):
            j += 1
        if pos < j < self.n and self.lows[j] in _UNIT_PARTITIVES:
            d.notes.append(self.toks[pos:j])
            for m in range(pos, j):  # « sachet bio de levure »: organic all the same
                found = self.data.modifiers.match(self.lows, m, j)
                if found is not None and found[0][0] and found[0][1] != "unit" and found[0][0] not in d.modifiers:
                    d.modifiers.append(found[0][0])
            return j
        return pos

    def _container_contents(self, d: Draft, pos: int) -> int:
        """« pack de 6 bouteilles d' », « sachet de 90 g de »: inner count or size."""
        inner = self.amount(pos)
        if inner is None:
            return pos
        q, entry, end, _ = inner
        if q.value is None or q.value_max is not None:
            return pos
        if entry is not None and entry.kind == "physical":
            if d.size is None:
                d.size = (q.value, entry.canonical)
            return self.connectors(self._skip_alt_amount(end))
        if q.value.denominator == 1 and (end < self.n and self.toks[end].kind == "word" or end >= self.n):
            d.inner_count = int(q.value)
            if entry is not None:
                d.inner_unit = entry.canonical
                end = self.connectors(end)
                sized = self.amount(end, physical_only=True)
                if sized is not None and d.size is None:
                    d.size = (sized[0].value, sized[1].canonical)
                    end = self.connectors(sized[2])
            return end
        return pos

    def _unit_range(self, d: Draft, entry: UnitEntry, pos: int) -> int:
        """"800g-1kg", « 1 kg à 1,5 kg »: a range whose ends both have a unit."""
        found = self.data.ranges.match(self.lows, pos)
        if found is None or d.quantity is None or d.quantity_max is not None:
            return pos
        high = self.amount(found[1], physical_only=True)
        if high is None or high[0].value is None:
            return pos
        try:
            value = quantity_of(high[0].value, high[1].canonical).to(entry.canonical).magnitude
        except Exception:
            return pos
        if value > d.quantity:
            d.quantity_max = Fraction(value)
            d.flags.add("range")
            return high[2]
        return pos

    def _decimal_tail(self, d: Draft, entry, pos: int) -> int:
        """« 1kg500 », « deux kilos cinq », « un litre deux »: a whole number of kilograms or
        liters, then a number with no unit of its own, gives the decimals (1.5 kg, 2.5 kg,
        1.2 L). Where the amount ends."""
        if d.quantity is None or d.quantity_max is not None:
            return pos
        tail = self._tail_at(d.quantity, entry, pos)
        if tail is None:
            return pos
        d.quantity += tail[0]
        return tail[1]

    def _tail_at(self, whole: Fraction, entry, pos: int) -> tuple[Fraction, int] | None:
        """(the decimals, their end) of :meth:`_decimal_tail` at ``pos``, or None."""
        if whole.denominator != 1 or entry is None or entry.canonical not in _DECIMAL_TAIL_UNITS or pos >= self.n:
            return None
        q = self.quantity(pos)
        if q is None or q.article_only or q.value is None or q.value_max is not None:
            return None
        tail = q.value
        if tail.denominator != 1 or not 0 < tail < 1000:
            return None
        if q.end < self.n and (self.unit(q.end) is not None or self.toks[q.end].text in ("%", "x", "×")):
            return None  # « 1 kg 2 sachets »: another amount
        glued = self.toks[pos - 1].end == self.toks[pos].start  # « 1kg500 »
        if not glued and q.end < self.n and self.toks[q.end].kind == "word" and self.lows[q.end] not in ("de", "d'"):
            return None  # « 1 litre 6 oeufs »: the count of the next item
        return tail / 10 ** len(str(tail.numerator)), q.end

    def _compound_amount(self, d: Draft, entry, pos: int) -> int:
        """A second amount of a smaller unit of the same measure, right after the first, adds
        to it ("2 lb 4 oz", "1 cup plus 2 tablespoons") or, after "minus", takes from it; the
        total in the first unit, exactly."""
        if d.quantity is None or d.quantity_max is not None or entry.kind != "physical" or pos >= self.n:
            return pos
        sign = _COMPOUND_SIGNS.get(self.lows[pos])
        start = pos + 1 if sign is not None else pos
        more = self.amount(start, physical_only=True)
        if more is None or more[0].value is None or more[0].value_max is not None:
            return pos
        factor = conversion_factor(more[1].canonical, entry.canonical)
        if factor is None or factor >= 1:
            return pos  # "1 cup 2% milk", « 1 kg 2 sachets »: no smaller unit of the measure
        total = d.quantity + (sign or 1) * more[0].value * factor
        if total <= 0:
            return pos
        d.quantity = total
        return more[2]

    def _skip_alt_amount(self, pos: int) -> int:
        """Skip "/14oz" or "(2 ml)" after an amount: the first amount wins."""
        if pos < self.n and self.toks[pos].text == "/":
            alt = self.amount(pos + 1)
            if alt is not None:
                end = alt[2]
                # "1lb 10oz": a compound imperial amount; "1lb 12oz-2lb 4oz": a range
                more = self.amount(end, physical_only=True)
                end = more[2] if more is not None else end
                found = self.data.ranges.match(self.lows, end)
                high = self.amount(found[1]) if found is not None else None
                if high is not None:
                    end = high[2]
                    more = self.amount(end, physical_only=True)
                    end = more[2] if more is not None else end
                return end
        if pos < self.n and self.toks[pos].text == "(":
            close = self._close(pos)
            alt = self.amount(pos + 1)
            if close is None or alt is None:
                return pos
            end = alt[2] + (alt[2] < close and self.toks[alt[2]].text == "-")
            if alt[1] is not None and alt[2] >= close - 1 or end < close and self.lows[end] in self.data.dimensions:
                return close + 1  # "(2 ml)", "(1-inch)"
        return pos

    def _close(self, pos: int) -> int | None:
        closer = _OPEN.get(self.toks[pos].text)
        depth = 0
        for k in range(pos, self.n):
            if self.toks[k].text == self.toks[pos].text:
                depth += 1
            elif self.toks[k].text == closer:
                depth -= 1
                if depth == 0:
                    return k
        return None

    def _name_part(self, d: Draft, pos: int) -> tuple[int, int]:
        """Read the name; returns (where the next item starts, where this item ends)."""
        k, end = self._name_loop(d, pos)
        while end > pos and self.toks[end - 1].kind != "word" and not self.toks[end - 1].is_number and self.toks[end - 1].text not in ")]%":
            end -= 1
        return k, end

    def _name_loop(self, d: Draft, pos: int) -> tuple[int, int]:
        """(where the next item starts, where this item's tokens end)."""
        data, lows, toks = self.data, self.lows, self.toks
        k = pos
        while k < self.n:
            tok = toks[k]
            low = tok.low
            if tok.text == "," and d.quantity is None and d.name:
                after = self._reversed_amount(d, k + 1)  # "double cream, approximately 100ml"
                if after is not None:
                    k = after
                    continue
            if tok.text == "," and self._comma_continues(d, k):
                if d.name and self._only_qualifiers(d.name):
                    k += 1  # "2 skinless, boneless chicken breasts"
                else:
                    d.name.append(tok)  # "25g arrowroot, cornflour or cocoa"
                    k += 1
                continue
            if tok.text == "," or tok.text == ";":
                d.notes.append(toks[k + 1 :])
                return self.n, self.n
            if low in data.alternatives and d.name and self.item_starts(k + 1):
                # "1 small onion or 2 shallots": an alternative with its own amount
                stop = next((m for m in range(k + 1, self.n) if toks[m].text in ",;"), self.n)
                d.alternatives.append(toks[k + 1 : stop])
                if stop < self.n:
                    d.notes.append(toks[stop + 1 :])
                return self.n, self.n
            if d.name and not self._only_qualifiers(d.name) and (self._preparation_here(d, k) or self._note_here(d, k)):
                # "braising steak cut into 5cm cubes", « oignon émincé finement »; up to another
                # product (« fromage râpé et de la crème fraîche »)
                stop, rest = self._note_end(k)
                d.notes.append(toks[k:stop])
                return rest, stop
            if tok.text in _OPEN:
                k = self._paren(d, k)
                continue
            if tok.text in (":", "-", "=") and d.quantity is None:
                after = self._reversed_amount(d, k + 1)
                if after is not None:
                    k = after
                    continue
                k += 1
                continue
            if low in _MULTIPLY and d.name and k + 1 < self.n and toks[k + 1].is_number:
                after = self._reversed_amount(d, k + 1)
                if after is not None:
                    k = after
                    continue
            # speech: "three lemons a loaf of bread", « du lait une baguette »
            if (
                self.speech
                and d.name
                and low in data.numbers
                and data.numbers[low][1] == "article"
                and lows[k - 1] not in _PREPOSITIONS  # "ginger from a jar", "ice cream in a box"
                and k + 1 < self.n
                and toks[k + 1].kind == "word"
                and lows[k + 1] not in _MULTIPLY  # « deux pains une fois »
                and (self.unit(k + 1) is not None or d.quantity is not None or self._listing(d))
            ):
                d.flags.add("inferred_boundary")
                return k, k
            # "Slightly rounded 1/8 teaspoon", "Additional 1 tablespoon": qualifiers before the amount
            if d.quantity is None and d.name and self._only_qualifiers(d.name) and self.amount(k) is not None:
                d.notes.append(d.name)
                d.name = []
                k = self._amount_part(d, k)
                continue
            # a number inside the name part
            if (tok.is_number or (tok.kind == "word" and low in data.numbers)) and d.name:
                handled = self._number_in_name(d, k)
                if handled is not None:
                    if handled < 0:
                        return -handled, -handled  # the next item starts there
                    k = handled
                    continue
            # "juice of 2 limes", « le jus d'1/2 citron », "seeds from 1 pomegranate": the fruit
            if (
                low in ("de", "d'", "of", "from")
                and d.quantity is None
                and d.unit is None
                and 0 < len(d.name) <= 4
                and (counted := self.amount(k + 1)) is not None
                and counted[0].value is not None
            ):
                d.notes.append(list(d.name))
                d.name = []
                k = self._amount_part(d, k + 1)
                continue
            sep = data.separators.match(lows, k)
            if sep is not None and d.name:
                rest = sep[1]
                if rest >= self.n:
                    return self.n, k
                weak = tuple(lows[k:rest]) in _WEAK_SEPARATORS
                if weak and self._in_product_name(d, rest):
                    d.name.extend(toks[k:rest])  # "mac and cheese", "salt and vinegar crisps": one product
                    k = rest
                    continue
                if weak and self._only_qualifiers(d.name) and self._qualifiers_lead_to_noun(rest):
                    d.name.extend(toks[k:rest])  # "skinless and boneless salmon": one product
                    k = rest
                    continue
                if not weak or self.item_starts(rest) or self._no_amount_list(d, rest) or self._count_list(d, rest):
                    return rest, k
            if d.name and self.speech:
                det = data.determiners.match(lows, k) or data.vague.match(lows, k)
                if (
                    det and " ".join(lows[k : det[1]]) in _PARTITIVES and det[1] < self.n and self._listing(d)
                    and data.places.get(lows[det[1]]) != "place"  # « du poivre du moulin », « du marché »
                ):
                    d.flags.add("inferred_boundary")
                    return k, k
            if tok.kind == "punct" and tok.text not in ("'", "&", "%", "+", "/", ".", "*") or tok.text in ("!", "?"):
                k += 1
                continue
            d.name.append(tok)
            k += 1
        return k, k

    def _is_qualifier(self, tok: Token) -> bool:
        lows = [tok.low]
        data = self.data
        return bool(
            data.preparation.match(lows, 0) or data.modifiers.match(lows, 0) or data.notes.match(lows, 0)
        ) or (data.code == "en" and data.is_adverb(tok.low)) or tok.low in data.adjectives

    def _only_qualifiers(self, name: list[Token]) -> bool:
        return all(self._is_qualifier(t) or t.low in ("and", "et", ",") for t in name)

    def _comma_continues(self, d: Draft, k: int) -> bool:
        """Does the name go on after the comma at k? ("A, B or C", "skinless, boneless X")."""
        toks = self.toks
        stop = next((m for m in range(k + 1, self.n) if toks[m].text in ",;("), self.n)
        part = toks[k + 1 : stop]
        if not part or not d.name:
            return False
        if self._only_qualifiers(d.name):
            return self._qualifiers_then_noun(k)  # "2 skinless, boneless chicken breasts"
        if self._note_starts(k + 1):
            return False
        if part[0].low in self.data.alternatives:
            # ", or pinch of red pepper flakes": an alternative with its own amount
            return not (self.item_starts(k + 2) or self.unit(k + 2))
        if self._or_follows(k):
            return True
        if any(t.low in self.data.alternatives for t in part) and not self.item_starts(k + 1):
            return not any(self.data.preparation.match([t.low], 0) for t in part)
        return False

    def _amount_lead(self, d: Draft) -> list[Token]:
        """The words at the end of the name that lead an amount after it: approximate markers
        ("about", « environ », "at least") and the words of amount_leads.txt ("weighing",
        « pesant », « d' »); taken off the name, which keeps its first word."""
        lead: list[Token] = []
        while len(d.name) > 1:
            lows = [t.low for t in d.name]
            for width in (3, 2, 1):  # "at least", "or so": a phrase of approx.txt
                start = len(lows) - width
                found = self.data.approx.match(lows, start) if start >= 1 else None
                if found is not None and found[1] == len(lows):
                    break
            else:
                start = len(lows) - 1
                if lows[start] not in self.data.amount_leads:
                    break
            lead[:0] = d.name[start:]
            del d.name[start:]
        return lead

    def _note_end(self, k: int) -> tuple[int, int]:
        """Where a preparation note opened at k ends, and where the next item starts: at « et »
        or "and" that another product follows with its own article or amount (« râpé et de la
        crème fraîche », "chopped and 2 cloves of garlic"), not at one more preparation
        (« émincé et revenu »)."""
        for m in range(k + 1, self.n):
            sep = self.data.separators.match(self.lows, m)
            if sep is None or sep[1] >= self.n or tuple(self.lows[m : sep[1]]) not in _WEAK_SEPARATORS:
                continue  # "…, plus extra for seasoning" goes on
            if self.item_starts(sep[1]):
                return m, sep[1]
        return self.n, self.n

    def _qualifiers_lead_to_noun(self, i: int) -> bool:
        """Do the words from i, qualifiers first, reach a product word before the next
        separator or the end? ("boneless salmon" after "skinless and")"""
        m = i
        while m < self.n and self.toks[m].kind == "word" and not self.data.separators.match(self.lows, m):
            if not self._is_qualifier(self.toks[m]):
                return True
            m += 1
        return False

    def _qualifiers_then_noun(self, k: int) -> bool:
        """After the comma at k, do qualifier-only parts lead to a product word?
        ("½ cup peeled, chopped, English cucumber")"""
        toks = self.toks
        m = k
        while m < self.n and toks[m].text == ",":
            stop = next((j for j in range(m + 1, self.n) if toks[j].text in ",;("), self.n)
            part = toks[m + 1 : stop]
            if not part or part[0].kind != "word":
                return False
            if not self._is_qualifier(part[-1]):
                return True
            if not self._only_qualifiers(part):
                return False
            m = stop
        return False

    def _note_starts(self, i: int) -> bool:
        """Does a note start at i: « selon le goût », "finely chopped or grated", "to serve"?"""
        data, lows = self.data, self.lows
        if i >= self.n:
            return False
        if data.notes.match(lows, i) or data.preparation.match(lows, i):
            return True
        # "very finely chopped": qualifiers and adverbs before the preparation
        j = i
        while j < self.n and (
            data.is_adverb(lows[j])
            or (found := data.modifiers.match(lows, j)) is not None and found[0][1] == "unit"
        ):
            j += 1
        return j > i and bool(data.preparation.match(lows, j))

    def _or_follows(self, k: int) -> bool:
        """"dill, parsley, or tarragon": a comma run that ends in « ou » / "or" alternatives."""
        toks = self.toks
        m = k
        while m < self.n and toks[m].text == ",":
            stop = next((j for j in range(m + 1, self.n) if toks[j].text in ",;("), self.n)
            part = toks[m + 1 : stop]
            if not part or self.item_starts(m + 1) or self._note_starts(m + 1):
                return False
            if any(t.low in self.data.alternatives for t in part):
                return True
            m = stop
        return False

    def _preparation_here(self, d: Draft, k: int) -> bool:
        """A preparation phrase after the product: « oignon émincé », "squid cut into rings"."""
        if d.unit is not None and d.unit.kind == "packaging":
            return False
        found = self.data.preparation.match(self.lows, k)
        if found is None and self.data.is_adverb(self.lows[k]):
            found = self.data.preparation.match(self.lows, k + 1)
        if found is None:
            return False
        if self.lang == "fr":
            return True
        # English adjectives stand before the noun ("black pitted olives"): only a phrase that
        # closes the name counts ("plain flour seasoned with salt", "beef cut into cubes")
        if d.name[-1].low in ("and", "or", ","):
            return False
        end = found[1]
        return end >= self.n or self.toks[end].kind != "word" or self.lows[end] in _CLOSERS or self.data.is_adverb(self.lows[end])

    def _place_here(self, k: int) -> bool:
        """"bread from the bakery", « steaks chez le boucher », « pain de chez Paul »: where to
        buy it closes the name (places.tsv); "brine from the capers" names no place."""
        places, lows = self.data.places, self.lows
        kind = places.get(lows[k])
        if kind == "prefix" and k + 1 < self.n:
            k += 1
            kind = "always" if places.get(lows[k]) == "always" else None
        if kind == "always":
            return k + 1 < self.n and self.toks[k + 1].kind == "word"
        if kind != "opener":
            return False
        for j in range(k + 1, min(self.n, k + 1 + _PLACE_WINDOW)):
            if self.toks[j].kind != "word":
                return False
            if places.get(lows[j]) == "place":
                return True
        return False

    def _note_here(self, d: Draft, k: int) -> bool:
        """"clarified butter for frying", "chilli oil or less": a note closes the name."""
        if self._place_here(k):
            return True
        found = self.data.notes.match(self.lows, k)
        if found is None or self._names_whom_for(k):
            return False
        return (
            found[1] - k >= 2
            or (self.lows[k] in ("for", "to", "pour") and found[1] < self.n)
            or (self.lang == "en" and self.data.is_adverb(self.lows[k]))  # "sea salt preferably …"
        )

    def _names_whom_for(self, k: int) -> bool:
        """Whether « pour » at ``k`` tells whom or what the product is for, as its name does
        (« croquettes pour chat », « sel pour lave-vaisselle »): a noun right after it, with no
        determiner, and no verb (« pour dorer », « pour la cuisson », and the notes of two words
        or more, « pour cuire », « pour demain », are notes)."""
        if self.lang != "fr" or self.lows[k] != "pour" or k + 1 >= self.n or self.toks[k + 1].kind != "word":
            return False
        found = self.data.notes.match(self.lows, k)
        if found is not None and found[1] - k >= 2:
            return False
        if self.data.determiners.match(self.lows, k + 1) or self.data.notes.match(self.lows, k + 1):
            return False
        return not self.lows[k + 1].endswith(_FR_INFINITIVE)

    def _no_amount_list(self, d: Draft, rest: int) -> bool:
        """"salt and pepper", « sel et poivre »: no amount anywhere, a product after « et »."""
        if d.quantity is not None or d.unit is not None or "vague" in d.flags:
            return False
        if any(t.is_number for t in self.toks):
            return False
        if self.toks[rest].kind != "word":
            return False
        stop = next((m for m in range(rest, self.n) if self.toks[m].text in ",;("), self.n)
        return not self._only_qualifiers(self.toks[rest:stop])

    def _count_list(self, d: Draft, rest: int) -> bool:
        """« 6 oeufs et beurre », "3 bananas and milk": a bare count belongs to the product before
        « et »; a product word after it starts a new item (a unit, as in "1 cup salt and pepper",
        keeps the pair together)."""
        if d.quantity is None or d.unit is not None or d.size is not None or not d.name:
            return False
        if self._only_qualifiers(d.name) or self.toks[rest].kind != "word":
            return False
        stop = next((m for m in range(rest, self.n) if self.toks[m].text in ",;("), self.n)
        return not self._only_qualifiers(self.toks[rest:stop])

    def _paren(self, d: Draft, k: int) -> int:
        toks = self.toks
        close = self._close(k)
        end = close if close is not None else self.n
        group = toks[k + 1 : end]
        after = end + 1 if close is not None else self.n
        # « Oeuf(s) »: a glued plural mark stays in the name
        if d.name and toks[k].start == d.name[-1].end and len(group) == 1 and len(group[0].text) <= 3:
            d.name.extend(toks[k:after])
            return after
        # "milk (2)", « oeufs (x12) »: a count alone after a name with no amount is its amount
        bare = group[1:] if len(group) == 2 and group[0].low in _MULTIPLY else group
        if (
            d.name and d.quantity is None and d.unit is None and close is not None and len(bare) == 1
            and bare[0].kind == "num" and bare[0].value is not None and bare[0].value.denominator == 1
            and 0 < bare[0].value < 1000 and after >= self.n
        ):  # fmt: skip
            d.quantity = bare[0].value
            d.flags.add("reversed")
            return after
        # "(or other blue cheese)": an alternative, left out of the name
        if group and group[0].low in self.data.alternatives and len(group) > 1:
            d.alternatives.append(group[1:])
            return after
        inner = self.amount(k + 1) if group else None
        if inner is not None and inner[1] is not None and inner[2] >= end - 1:
            if d.quantity is None and d.unit is None:
                # « (500 g) farine », « farine (500 g) »: the amount
                d.quantity, d.quantity_max = inner[0].value, inner[0].value_max
                d.unit = inner[1]
                d.unit_tokens = toks[inner[3] : inner[2]]
                if d.name:
                    d.flags.add("reversed")
                return after
            if d.quantity is not None:
                return after  # "1 tbsp (15 ml) oil": the first amount wins
        if group:
            d.notes.append(group)
        return after

    def _reversed_amount(self, d: Draft, i: int) -> int | None:
        """« Farine : 55 g », « Rhum blanc - 1 cuillère à soupe », "eggs x6": the amount after."""
        lows = self.lows
        approx = self.data.approx.match(lows, i)
        j = approx[1] if approx else i
        amount = self.amount(j)
        if amount is None:
            return None
        q, entry, end, _ = amount
        if q.value is None:
            return None
        d.quantity, d.quantity_max = q.value, q.value_max
        d.flags |= q.flags
        d.flags.add("reversed")
        if approx:
            d.flags.add("approximate")
        if entry is not None:
            d.unit = entry
            d.unit_tokens = self.toks[amount[3] : end]
            end = self._decimal_tail(d, entry, self.skip_plural_mark(end))  # « Pommes de terre 2 kilos 5 »
        end = self._skip_alt_amount(end)
        tail = self.data.approx.match(lows, end)
        if tail:
            d.flags.add("approximate")
            end = tail[1]
        return end

    def _counts_kinds(self, low: str) -> bool:
        """Whether a word is one of the nouns a name counts kinds of (counted_kinds.txt), or
        its plural in -s or -x."""
        kinds = self.data.counted_kinds
        return low in kinds or (low[-1:] in ("s", "x") and low[:-1] in kinds)

    def _number_names_kinds(self, q: QuantityMatch) -> bool:
        """Whether a leading number counts the kinds of the product its name names: a whole
        number above one, a noun of counted_kinds.txt in the singular, then a word not in the
        plural ("Four Cheese Pizza", "7 grain bread"; "2 cheese pizzas" are two pizzas)."""
        toks, end = self.toks, q.end
        if q.value is None or q.value_max is not None or q.value.denominator != 1 or not 2 <= q.value <= 12:
            return False
        if end + 1 >= self.n or toks[end].kind != "word" or toks[end + 1].kind != "word":
            return False
        after = toks[end + 1].low
        return (
            toks[end].low in self.data.counted_kinds
            and not after.endswith("s")
            and after not in self.data.alternatives
            and after not in ("and", "et", "of", "de", "d'")
        )

    def _number_in_name(self, d: Draft, k: int) -> int | None:
        """A number after the name started: a size, a reversed amount, or the next item."""
        toks, lows = self.toks, self.lows
        prev = d.name[-1].low
        amount = self.amount(k)
        if amount is None:
            return None
        q, entry, end, _ = amount
        if q.value is None:
            return None
        if end < self.n and toks[end].text == "%":
            return None  # "2% milk"
        if toks[k].kind == "frac" and entry is None and end < self.n and toks[end].kind == "word":
            return None  # « lait ½ écrémé »: a fraction inside a name
        # "6 well-trimmed 6-ounce steaks": the size of each piece
        if entry is not None and entry.kind == "physical" and d.quantity is not None and d.unit is None and d.size is None and self._only_qualifiers(d.name):
            d.size = (q.value, entry.canonical)
            return self._skip_alt_amount(end)
        # « boîte de thon de 140 g », "bottle of water of 1.5 L": the container's size
        if prev in ("de", "d'", "of") and entry is not None and entry.kind == "physical":
            if d.size is None and (d.unit is None or d.unit.kind != "physical"):
                d.size = (q.value, entry.canonical)
                d.name.pop()
                after = self._skip_alt_amount(end)
                tail = self.data.approx.match(lows, after)  # « poulet de 1,5 kg environ »
                if tail is not None and (tail[1] >= self.n or toks[tail[1]].text in (",", "(", ";")):
                    after = tail[1]
                return self.connectors(after)
            return None
        dim = end + 1 if end + 1 < self.n and toks[end].text == "-" else end  # "¼-inch"
        if dim < self.n and toks[dim].low in self.data.dimensions or entry is None and end < self.n and toks[end].text == "x" and end + 1 < self.n and toks[end + 1].is_number:
            d.notes.append(toks[k:])  # "cut into 5cm cubes", "23x15cm": dimensions
            return self.n
        if any(t.text == ":" for t in toks[k:]):
            return None  # « Lait 1/2 écrémé : 25 cl »: the amount comes after the colon
        if prev in self.data.designations and toks[k].is_number and entry is None:
            return None  # « couches taille 4 », "baby food stage 2": the number names the product
        end2 = self._skip_alt_amount(end)
        if (decimals := self._tail_at(q.value, entry, end)) is not None:
            end2 = decimals[1]  # « pommes de terre 2 kilos 5 »
        tail = self.data.approx.match(lows, end2)
        at_end = end2 >= self.n or toks[end2].text in (",", "(", ";") or (tail is not None and tail[1] >= self.n)
        if at_end and d.quantity is None and (entry is not None or q.article_only is False):
            return self._reversed_amount(d, k)
        if at_end and entry is not None and entry.kind == "physical":
            # "½ cup cold water 125 mL": the same amount again; "2 pork chops weighing about
            # 1 lb", « 1 poulet d'environ 1,5 kg »: the product's weight, with the words that
            # lead it
            d.notes.append(self._amount_lead(d) + toks[k:end2])
            return end2
        if q.article_only:
            return None
        if prev in ("de", "d'", "of", "à", "au", "aux", "a", "x", "n") or prev in self.data.designations:
            return None
        if entry is None and end < self.n and self._counts_kinds(toks[end].low):
            return None  # « pizza 4 fromages », « pizza quatre saisons »: the number names the product
        if toks[k].is_number or self.speech or entry is not None:
            d.flags.add("inferred_boundary")
            return -k
        return None


#: units whose whole number may be followed by its decimals alone (« 1kg500 », « un litre deux »)
_DECIMAL_TAIL_UNITS = frozenset({"kilogram", "liter"})


def _split_compound_amounts(tokens: list[Token], data: LanguageData) -> list[Token]:
    """« une demi-baguette » → une, demi, baguette (only where an amount can stand);
    "a six-pack" → a, six, pack."""
    out: list[Token] = []
    for tok in tokens:
        if tok.kind == "word" and "-" in tok.low and tok.mark != COMPOUND:
            head, _, rest = tok.low.partition("-")
            prev = out[-1] if out else None
            amount_position = prev is None or prev.is_number or (prev.low in data.numbers)
            number_unit = (
                head in data.numbers
                and data.numbers[head][1] in ("digit", "teen", "tens")
                and data.units.match([rest], 0) is not None
            )  # "a six-pack of beer", "two-pound bag"
            if number_unit or (
                head in data.numbers
                and data.numbers[head][1] == "half"
                and rest
                and amount_position
                and not data.modifiers.match([tok.low], 0)
            ):
                cut = tok.start + len(head)
                first = Token(tok.text[: len(head)], tok.start, cut, "word")
                second = Token(tok.text[len(head) + 1 :], cut + 1, tok.end, "word")
                out.extend((first, second))
                continue
        out.append(tok)
    return out


def assemble(chunks: list[list[Token]], lang: str) -> list[Draft]:
    """The draft items of every chunk, in input order."""
    data = get_language(lang)
    drafts: list[Draft] = []
    for chunk in chunks:
        reader = _Reader(chunk, data)
        pos = 0
        guard = 0
        while pos < reader.n and guard <= reader.n:
            guard += 1
            draft, new_pos = reader.read_item(pos)
            if draft is not None and (draft.name or draft.quantity is not None or draft.unit):
                drafts.append(draft)
            pos = max(new_pos, pos + 1)
    return drafts
