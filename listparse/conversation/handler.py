"""One message against one list: :func:`handle_message` returns the new state and the reply.

Rules of the list (each one chosen so that no amount is ever lost):

- **Identity.** Two products are the same entry when their keys are equal: the folded,
  singular words of the name (« Lait », « laits » and « lait » are one entry), plus the size of
  one container when there is one (« thon (140 g) » and « thon (200 g) » are two). When no
  entry has the key, an entry that is the same product in the other language or by a synonym
  of ``lexicons/synonyms.tsv`` is it: "milk" is « lait », « 6 œufs » adds to "12 eggs" (the
  whole name only: « lait de coco » is not "milk"; see :mod:`.matching`).
- **Adding.** Amounts add up when their units convert (1 L + 50 cl = 1,5 L; a count and pieces
  are the same). When they do not (2 bouteilles de lait, then 1 L de lait), the new amount
  goes to an entry of its own with the same key. A product without an amount added to an
  entry changes nothing; an amount added to an entry without one becomes its amount. A
  container without a number is one container (« bouteille de lait » is 1 bouteille). With a
  catalog, containers of the very product an entry is linked to add to its amount: « une
  bouteille de lait » linked to the same 1 L bottle as « 2 L de lait » makes 3 L; linked to
  another product, or without a catalog, it is an entry of its own (a bottle of unknown size
  is not an amount of litres).
- **Removing.** A product without an amount removes every entry with its key; an amount is
  taken from the entry whose unit converts (at zero or below the entry goes). With a
  catalog, a container is taken from an entry in another unit by the size of the product the
  entry is linked to (« enlève une bouteille de lait » from « 2 L de lait » linked to a 1 L
  bottle leaves 1 L; see :mod:`.containers`); else it is refused with the entry's amount in
  the reply. An entry without an amount goes whole. When neither the key nor a synonym is on
  the list, an entry whose words hold every word asked for is taken, if only one product
  fits (« enlève le lait » finds « lait demi-écrémé »); with several, the reply asks which
  one. « it », « le », « les »… is the last entry added or changed.
- **Questions.** « est-ce que j'ai du lait ? », "is there milk on my list?" find the products
  as removing does and answer with their amounts, or that they are not on the list; the
  action is "show" and the items and the undo history stay as they are (the one entry found,
  if one, becomes the entry « it » stands for).
- **Several commands.** « ajoute du lait et enlève le pain » runs its commands in order
  (see :func:`listparse.conversation.commands.read_clauses`), with one reply made of theirs
  and one undo step for the whole message; the action is the last one that changed the items.
- **Linking.** With a catalog, a new entry records the best product of the parser's link
  (sku, name, pack count), and an entry whose amount changes is linked again for its new
  amount. Without a catalog (or when the product removed was named differently), the pack
  count changes in proportion, rounded up: never below what the amount needs.
- **Undo.** Every change of the items (add, remove, clear, :func:`remove_item`) keeps the
  previous items: 10 changes, and 400 entries in all, at most. Show, undo and commands
  that change nothing keep nothing.
- **Limits.** A message of more than 4,000 characters, more than 50 products, more than 10
  commands, or an addition that would take the list over 200 entries is refused as a whole,
  with a reply saying so.
- **Ids.** Entry ids are "1", "2"…, from ``next_id``, never given twice in a list.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from dataclasses import dataclass, field, replace
from fractions import Fraction

from ..lexicon import SUPPORTED_LANGUAGES
from ..models import Item
from .amounts import add_amounts, base_key, convert, item_amount, item_key, size_key, subtract_amount, tidy
from .commands import Command, read_clauses
from .containers import container_amount
from .language import choose_language, language_code
from .matching import asked_name_fits, find_entries, same_entry
from .phrases import command_words, message_tokens, replies
from .render import (
    amount_text,
    display_name,
    entry_phrase,
    enumeration,
    phrase,
    sized_name,
    with_article,
    written_article,
)
from .state import (
    HISTORY_LIMIT,
    HISTORY_MAX_ENTRIES,
    MAX_COMMANDS_PER_MESSAGE,
    MAX_ENTRIES,
    MAX_ITEMS_PER_MESSAGE,
    MAX_MESSAGE_CHARS,
    Action,
    ItemNotFound,
    ListEntry,
    ListState,
    Turn,
)

__all__ = ["clean_message", "handle_message", "remove_item"]

_log = logging.getLogger(__name__)


def clean_message(text: object) -> str:
    """The text of a message with control and invisible format characters taken out.

    >>> clean_message("deux\\x00 laits\\u200b\\r\\n")
    'deux  laits'
    >>> clean_message(None), clean_message(b"caf\\xc3\\xa9")
    ('', 'café')
    """
    if text is None:
        return ""
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8", "replace")
    elif not isinstance(text, str):
        text = str(text)
    kept = []
    for char in text:
        if char == "\n":
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category not in ("Cf", "Cs"):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def _push(history: tuple[tuple[ListEntry, ...], ...], items: tuple[ListEntry, ...]):
    """The history with ``items`` on top, the oldest dropped beyond the limits."""
    kept = (history + (items,))[-HISTORY_LIMIT:]
    while len(kept) > 1 and sum(len(snapshot) for snapshot in kept) > HISTORY_MAX_ENTRIES:
        kept = kept[1:]
    return kept


def _changed(state: ListState, items: list[ListEntry] | tuple[ListEntry, ...], **update) -> ListState:
    """``state`` with new items, the old ones kept for undo."""
    items = tuple(items)
    return state.model_copy(update={"items": items, "history": _push(state.history, state.items), **update})


def _turn(
    state: ListState, reply: str, action: Action, lang: str, *, changed: bool = False, parsed: int = 0
) -> Turn:
    return Turn(state=state, reply=reply, action=action, lang=lang, changed=changed, parsed_items=parsed)  # type: ignore[arg-type]


def _parse(text: str, lang: str, catalog) -> tuple[Item, ...]:
    """The products of ``text`` (the parser's failures are logged and read as none)."""
    from ..options import ParseOptions
    from ..pipeline import parse

    options = ParseOptions(
        default_lang=lang,  # type: ignore[arg-type]
        max_items=MAX_ITEMS_PER_MESSAGE + 1,
        max_chars=MAX_MESSAGE_CHARS,
    )
    for linked in ((catalog, None) if catalog is not None else (None,)):
        try:
            return parse(text, lang=lang, options=options, catalog=linked).items
        except Exception:  # a reply is owed whatever the parser or the catalog does
            _log.exception("parsing %r (lang=%s, catalog=%s) failed", text[:200], lang, linked is not None)
    return ()


@dataclass
class _Product:
    """A parsed product ready for the list."""

    item: Item
    name: str
    key: str
    quantity: Fraction | None
    unit: str | None


def _products(items: tuple[Item, ...], text: str, lang: str) -> list[_Product]:
    """The items that name a product: not an amount alone (« 2 »), nor a request about the
    list that was not understood (« me montrer ma liste »)."""
    list_words = {phrase[0] for phrase in command_words(lang).role("list") if len(phrase) == 1}
    out = []
    for item in items:
        name = " ".join(sized_name(item, text, lang).split())
        key = item_key(item.name, size_key(item))
        if not name or not key or list_words & {t.folded for t in message_tokens(item.name)}:
            continue
        quantity, unit = item_amount(item)
        out.append(_Product(item, name, key, quantity, unit))
    return out


# --- adding ------------------------------------------------------------------------------------


def _merge_target(entries: list[ListEntry], product: _Product, catalog) -> tuple[int | None, _Product]:
    """The entry a product adds to, and the product with its amount in that entry's unit.

    An entry with its key (else, the same product under a synonym: « œufs » for "eggs")
    whose amount converts, else one whose linked product's containers give the product's
    amount (see :mod:`listparse.conversation.containers`: « une bouteille » linked to the
    entry's own 1 L bottle is 1 L), else one with no amount. A product without an amount goes
    to any such entry."""
    same = [i for i, e in enumerate(entries) if e.key == product.key]
    if not same:
        same = [i for i, e in enumerate(entries) if same_entry(e, product.name, product.key)]
    if not same or product.quantity is None:
        return (same[0] if same else None), product
    for i in same:
        entry = entries[i]
        if entry.quantity is not None and add_amounts(entry.quantity, entry.unit, product.quantity, product.unit):
            return i, product
    linked = product.item.matches[0].sku if product.item.matches else None
    for i in same:
        entry = entries[i]
        if linked is not None and entry.sku == linked:
            amount = container_amount(entry, product.quantity, product.unit, catalog)
            if amount is not None:
                return i, replace(product, quantity=amount, unit=entry.unit)
    return next((i for i in same if entries[i].quantity is None), None), product


def _link(product: _Product) -> dict:
    if not product.item.matches:
        return {}
    best = product.item.matches[0]
    return {"sku": best.sku, "sku_name": best.name, "pack_count": best.pack_count}


def _added_phrase(product: _Product, lang: str) -> str:
    if product.quantity is None:
        article = written_article(product.item, lang)
        return with_article(article, product.name, lang) if article else product.name
    return phrase(product.name, product.quantity, product.unit, lang)


def _scaled_packs(entry: ListEntry, quantity: Fraction | None, unit: str | None) -> int | None:
    """The entry's pack count for a new amount, in proportion (never fewer than needed)."""
    if entry.pack_count is None or entry.quantity is None or quantity is None:
        return entry.pack_count
    converted = convert(quantity, unit, entry.unit)
    if converted is None or entry.quantity <= 0:
        return entry.pack_count
    return max(1, math.ceil(entry.pack_count * converted / entry.quantity))


def _relinked(entry: ListEntry, product: _Product, lang: str, catalog) -> dict:
    """The link fields of an entry whose amount changed: the catalog's best product for the
    new amount ({} without a catalog or a match: the caller's link stays)."""
    if catalog is not None and entry.quantity is not None:
        from ..catalog.link import link_items

        total = product.item.model_copy(
            update={"quantity": entry.quantity, "unit": entry.unit, "quantity_max": None, "matches": ()}
        )
        try:
            matches = link_items((total,), catalog, lang=lang)[0].matches
        except Exception:
            _log.exception("linking %r again failed", entry.name)
            matches = ()
        if matches:
            return {"sku": matches[0].sku, "sku_name": matches[0].name, "pack_count": matches[0].pack_count}
    return {}


def _merged(entry: ListEntry, product: _Product, lang: str, catalog) -> ListEntry:
    """``entry`` with the product's amount added (the caller checked that it converts)."""
    update: dict = {}
    if entry.sku is None:
        update.update(_link(product))
    if product.quantity is None:
        return entry.model_copy(update=update)
    if entry.quantity is None:
        update.update(quantity=product.quantity, unit=product.unit)
        update.update(_link(product))
    else:
        total = add_amounts(entry.quantity, entry.unit, product.quantity, product.unit)
        assert total is not None
        update.update(quantity=total[0], unit=total[1])
        if entry.sku is not None:
            update["pack_count"] = _scaled_packs(entry, *total)
        update.update(_relinked(entry.model_copy(update=update), product, lang, catalog))
    counted = product.unit in (None, "piece")
    if counted and product.quantity > 1 and (entry.quantity is None or entry.quantity <= 1):
        update["name"] = product.name  # the plural as written: « pommes » after « 1 pomme »
    return entry.model_copy(update=update)


def _add(state: ListState, command: Command, text: str, lang: str, catalog) -> Turn:
    action: Action = "add"
    r = replies(lang)
    if command.end <= command.start:
        return _turn(state, r.text("add_what"), action, lang)
    part = text[command.start : command.end]
    items = _parse(part, lang, catalog)
    products = _products(items, part, lang)
    if len(products) > MAX_ITEMS_PER_MESSAGE:
        return _turn(state, r.text("too_many", limit=MAX_ITEMS_PER_MESSAGE), action, lang, parsed=len(products))
    if not products:
        # words that name no product (« ma liste elle est où ») call for the help
        return _turn(state, r.text("help" if items else "no_product"), "none", lang)

    entries = list(state.items)
    next_id = state.next_id
    added: list[str] = []
    already: list[str] = []
    last = state.last_item_id
    for product in products:
        target, amount = _merge_target(entries, product, catalog)
        if target is None:
            entry = ListEntry(
                item_id=str(next_id), name=product.name, key=product.key,
                quantity=product.quantity, unit=product.unit, **_link(product),
            )
            next_id += 1
            entries.append(entry)
            added.append(_added_phrase(product, lang))
        else:
            old = entries[target]
            entry = entries[target] = _merged(old, amount, lang, catalog)
            if (entry.quantity, entry.unit) == (old.quantity, old.unit):
                already.append(entry_phrase(entry, lang))
            elif old.quantity is None:
                added.append(_added_phrase(product, lang))
            else:
                total = amount_text(entry.quantity, entry.unit, lang)  # type: ignore[arg-type]
                added.append(r.text("with_total", item=_added_phrase(product, lang), total=total))
        last = entry.item_id

    if len(entries) > MAX_ENTRIES and len(entries) > len(state.items):
        return _turn(state, r.text("list_full", limit=MAX_ENTRIES), action, lang, parsed=len(products))
    sentences = []
    if added:
        sentences.append(r.text("added", items=enumeration(added, lang)))
    if already:
        sentences.append(r.text("already", items=enumeration(already, lang)))
    reply = " ".join(sentences)
    if tuple(entries) == state.items:
        return _turn(state.model_copy(update={"last_item_id": last}), reply, action, lang, parsed=len(products))
    new = _changed(state, entries, next_id=next_id, last_item_id=last)
    return _turn(new, reply, action, lang, changed=True, parsed=len(products))


# --- removing ----------------------------------------------------------------------------------


@dataclass
class _Removal:
    """What one remove command did, for the reply."""

    removed: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)


def _whole_phrase(entry: ListEntry, article: str | None, lang: str, *, as_asked: str | None = None) -> str:
    """A removed entry in the reply: with the article the user used (« le pain »), else the
    language's default article ("the"), else with its amount. The name is the one the user
    wrote when it names the entry (« the milk » for an entry « milks », "the eggs" for an
    entry « œufs »)."""
    name = as_asked if as_asked is not None and asked_name_fits(as_asked, entry) else entry.name
    if article:
        return with_article(article, name, lang)
    default = replies(lang).raw("default_article")
    if default:
        return with_article(default, name, lang)
    return entry_phrase(entry, lang)


def _remove_product(entries: list[ListEntry], product: _Product, lang: str, done: _Removal, catalog) -> str | None:
    """Remove one product from ``entries`` (in place); the id of an entry left changed."""
    r = replies(lang)
    found = find_entries(entries, product.name, product.key)
    indexes = list(found.indexes)
    if found.candidates:
        names = [entries[i].name for i in found.candidates]
        done.questions.append(r.text("ambiguous", options=enumeration(names, lang, joiner="or")))
        return None
    if not indexes:
        done.not_found.append(_added_phrase(product, lang))
        return None
    article = written_article(product.item, lang)
    if product.quantity is None:
        named = [_whole_phrase(entries[i], article, lang, as_asked=product.name) for i in indexes]
        done.removed.append(enumeration(list(dict.fromkeys(named)), lang))
        for i in sorted(indexes, reverse=True):
            del entries[i]
        return None
    for i in indexes:
        entry = entries[i]
        if entry.quantity is None:
            done.removed.append(_whole_phrase(entry, article, lang))
            del entries[i]
            return None
        left = subtract_amount(entry.quantity, entry.unit, product.quantity, product.unit)
        if left is None:
            held = container_amount(entry, product.quantity, product.unit, catalog)
            if held is None:
                continue
            left = tidy(entry.quantity - held)
        name = product.name if found.by_synonym else entry.name
        taken = phrase(display_name(name, product.quantity, product.unit, lang), product.quantity, product.unit, lang)
        if left <= 0:
            done.removed.append(taken if left == 0 else entry_phrase(entry, lang))
            del entries[i]
            return None
        reduced = entry.model_copy(update={"quantity": left, "pack_count": _scaled_packs(entry, left, entry.unit)})
        if entry.sku is not None and product.key == entry.key:
            reduced = reduced.model_copy(update=_relinked(reduced, product, lang, catalog))
        entries[i] = reduced
        done.removed.append(r.text("with_left", item=taken, left=amount_text(left, entry.unit, lang)))
        return entry.item_id
    amount = phrase(product.name, product.quantity, product.unit, lang)
    listed = enumeration([entry_phrase(entries[i], lang) for i in indexes], lang)
    done.mismatches.append(r.text("unit_mismatch", amount=amount, entries=listed))
    return None


def _remove(state: ListState, command: Command, text: str, lang: str, catalog) -> Turn:
    r = replies(lang)
    if command.pronoun is not None:
        entry = next((e for e in state.items if e.item_id == state.last_item_id), None)
        if entry is None:
            return _turn(state, r.text("no_last"), "remove", lang)
        items = [e for e in state.items if e.item_id != entry.item_id]
        said = entry_phrase(entry, lang) if entry.quantity is not None else _whole_phrase(entry, command.article, lang)
        reply = r.text("removed", items=said)
        return _turn(_changed(state, items, last_item_id=None), reply, "remove", lang, changed=True)
    if command.end <= command.start:
        return _turn(state, r.text("remove_what"), "remove", lang)
    part = text[command.start : command.end]
    products = _products(_parse(part, lang, None), part, lang)
    if len(products) > MAX_ITEMS_PER_MESSAGE:
        return _turn(state, r.text("too_many", limit=MAX_ITEMS_PER_MESSAGE), "remove", lang, parsed=len(products))
    if not products:
        return _turn(state, r.text("no_product"), "remove", lang)

    entries = list(state.items)
    done = _Removal()
    touched = None
    for product in products:
        touched = _remove_product(entries, product, lang, done, catalog) or touched
    sentences = []
    if done.removed:
        sentences.append(r.text("removed", items=enumeration(done.removed, lang)))
    if done.not_found:
        sentences.append(r.text("not_found", items=enumeration(done.not_found, lang, joiner="or")))
    sentences.extend(done.questions + done.mismatches)
    reply = " ".join(sentences)
    if tuple(entries) == state.items:
        return _turn(state, reply, "remove", lang, parsed=len(products))
    ids = {e.item_id for e in entries}
    last = touched or (state.last_item_id if state.last_item_id in ids else None)
    return _turn(_changed(state, entries, last_item_id=last), reply, "remove", lang, changed=True, parsed=len(products))


# --- questions ---------------------------------------------------------------------------------


def _ask(state: ListState, command: Command, text: str, lang: str) -> Turn:
    """Whether the products asked about are on the list, with their amounts: a "show" that
    changes nothing but the entry « it » stands for (when one entry answers)."""
    if command.end <= command.start:
        return _show(state, lang)
    part = text[command.start : command.end]
    products = _products(_parse(part, lang, None), part, lang)
    if not products:
        return _show(state, lang)
    r = replies(lang)
    entries = list(state.items)
    found: list[int] = []
    missing: list[str] = []
    for product in products[:MAX_ITEMS_PER_MESSAGE]:
        answer = find_entries(entries, product.name, product.key)
        keys = {base_key(entries[i].key) for i in answer.candidates}
        indexes = answer.indexes or [i for i, e in enumerate(entries) if base_key(e.key) in keys]
        if indexes:
            found.extend(i for i in indexes if i not in found)
        else:
            missing.append(product.name)
    listed = enumeration([entry_phrase(entries[i], lang) for i in found], lang)
    absent = enumeration(list(dict.fromkeys(missing)), lang)
    if not missing:
        reply = r.text("ask_yes", items=listed)
    elif not found:
        reply = r.text("ask_no", items=absent)
    else:
        reply = f"{r.text('ask_found', items=listed)} {r.text('ask_missing', items=absent)}"
    if len(found) == 1:
        state = state.model_copy(update={"last_item_id": entries[found[0]].item_id})
    return _turn(state, reply, "show", lang, parsed=len(products))


# --- show, clear, undo -------------------------------------------------------------------------


def _show(state: ListState, lang: str) -> Turn:
    r = replies(lang)
    if not state.items:
        return _turn(state, r.text("empty"), "show", lang)
    listed = ", ".join(entry_phrase(e, lang) for e in state.items)
    return _turn(state, r.text("show", items=listed), "show", lang)


def _clear(state: ListState, lang: str) -> Turn:
    r = replies(lang)
    if not state.items:
        return _turn(state, r.text("already_empty"), "clear", lang)
    count = len(state.items)
    reply = r.text("cleared_one") if count == 1 else r.text("cleared", count=count)
    return _turn(_changed(state, (), last_item_id=None), reply, "clear", lang, changed=True)


def _undo(state: ListState, lang: str) -> Turn:
    r = replies(lang)
    if not state.history:
        return _turn(state, r.text("nothing_to_undo"), "undo", lang)
    items = state.history[-1]
    last = state.last_item_id if any(e.item_id == state.last_item_id for e in items) else None
    new = state.model_copy(update={"items": items, "history": state.history[:-1], "last_item_id": last})
    if items:
        reply = r.text("undone_show", items=", ".join(entry_phrase(e, lang) for e in items))
    else:
        reply = r.text("undone_empty")
    return _turn(new, reply, "undo", lang, changed=items != state.items)


# --- the entry points --------------------------------------------------------------------------


def handle_message(state: ListState, text: str, *, lang: str | None = None, catalog=None) -> Turn:
    """Run one chat message as a list command and return the new state with the reply.

    ``lang`` is the caller's idea of the user's language, used when the message itself says
    too little; ``catalog`` (a :class:`listparse.Catalog` or a loaded index) links each new
    entry to its best product. ``state`` is never changed. See the module docstring for the
    rules.

    >>> from listparse.conversation import new_state
    >>> turn = handle_message(new_state("demo"), "ajoute deux litres de lait et du pain")
    >>> turn.reply, turn.action, turn.lang
    ("J'ai ajouté 2 L de lait et du pain.", 'add', 'fr')
    >>> turn = handle_message(turn.state, "50 cl de lait")
    >>> turn.reply
    "J'ai ajouté 50 cl de lait (2,5 L en tout)."
    >>> handle_message(turn.state, "enlève le lait").reply
    "J'ai enlevé le lait."
    """
    hint = language_code(lang)
    raw_length = len(text) if isinstance(text, str | bytes | bytearray) else 0
    if raw_length > 4 * MAX_MESSAGE_CHARS:
        return _too_long(state, "", hint)
    message = clean_message(text)
    if len(message) > MAX_MESSAGE_CHARS:
        return _too_long(state, message, hint)

    tokens = message_tokens(message)
    readings = {code: read_clauses(message, code, tokens) for code in SUPPORTED_LANGUAGES}
    chosen = choose_language(message, {code: _summary(clauses) for code, clauses in readings.items()},
                             remembered=state.lang, hint=hint)
    state = state if state.lang == chosen else state.model_copy(update={"lang": chosen})
    clauses = readings[chosen]
    if len(clauses) == 1:
        return _run(state, clauses[0], message, chosen, catalog)
    return _run_all(state, clauses, message, chosen, catalog)


def _summary(clauses: tuple[Command, ...]) -> Command:
    """One command standing for the commands of a message, for choosing its language: the
    evidence of all, the products of the first that names some."""
    first = next((c for c in clauses if c.end > c.start), clauses[0])
    return replace(first, evidence=sum(c.evidence for c in clauses))


def _run(state: ListState, command: Command, message: str, lang: str, catalog) -> Turn:
    """One command of a message against ``state``."""
    kind = command.action
    if kind in ("add", "implicit"):
        return _add(state, command, message, lang, catalog)
    if kind == "remove":
        return _remove(state, command, message, lang, catalog)
    if kind == "ask":
        return _ask(state, command, message, lang)
    if kind == "show":
        return _show(state, lang)
    if kind == "clear":
        return _clear(state, lang)
    if kind == "undo":
        return _undo(state, lang)
    key = {"help": "help", "thanks": "thanks", "ack": "ack"}.get(kind, "no_product")
    return _turn(state, replies(lang).text(key), "none", lang)


def _run_all(state: ListState, commands: tuple[Command, ...], message: str, lang: str, catalog) -> Turn:
    """Several commands of one message, in order, as one change of the list: one undo step
    (an undo among them goes back from the list as it stood before it), one reply. The action
    is that of the last command that changed the items, else of the last command."""
    if len(commands) > MAX_COMMANDS_PER_MESSAGE:
        return _turn(state, replies(lang).text("too_many_commands", limit=MAX_COMMANDS_PER_MESSAGE), "none", lang)
    base = state  # what undoing this message goes back to
    current = state
    replies_: list[str] = []
    action: Action | None = None
    last_action: Action = "none"
    parsed = 0
    for command in commands:
        turn = _run(current, command, message, lang, catalog)
        parsed += turn.parsed_items
        if parsed > MAX_ITEMS_PER_MESSAGE:
            reply = replies(lang).text("too_many", limit=MAX_ITEMS_PER_MESSAGE)
            return _turn(state, reply, turn.action, lang, parsed=parsed)
        if turn.reply:
            replies_.append(turn.reply)
        if command.action == "undo":
            base = turn.state
        if turn.changed:
            action = turn.action
        last_action = turn.action
        current = turn.state
    history = base.history if current.items == base.items else _push(base.history, base.items)
    final = current.model_copy(update={"history": history})
    return _turn(final, " ".join(replies_), action or last_action, lang,
                 changed=final.items != state.items, parsed=parsed)


def _too_long(state: ListState, message: str, hint: str | None) -> Turn:
    """The reply to a message too long to read: in the list's language when it has one."""
    chosen = state.lang or choose_language(message, {}, remembered=None, hint=hint)
    state = state if state.lang == chosen else state.model_copy(update={"lang": chosen})
    return _turn(state, replies(chosen).text("too_long", limit=MAX_MESSAGE_CHARS), "none", chosen)


def remove_item(state: ListState, item_id: str) -> ListState:
    """``state`` without the entry ``item_id`` (undoable); :class:`ItemNotFound` if absent.

    >>> from listparse.conversation import new_state
    >>> state = handle_message(new_state("demo"), "lait et pain").state
    >>> [e.name for e in remove_item(state, "1").items]
    ['pain']
    >>> remove_item(state, "9")
    Traceback (most recent call last):
    ...
    listparse.conversation.state.ItemNotFound: no item '9' in list 'demo'
    """
    items = tuple(e for e in state.items if e.item_id != item_id)
    if len(items) == len(state.items):
        raise ItemNotFound(item_id, state.list_id)
    last = None if state.last_item_id == item_id else state.last_item_id
    return _changed(state, items, last_item_id=last)
