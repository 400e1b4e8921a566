"""The parser: an ordered tuple of small stages, each saying what it reads and writes.

:func:`parse` runs them; :func:`explain` runs them too and shows every stage's output.

>>> result = parse("2 kg de pommes")
>>> result.lang, result.items[0].name, float(result.items[0].quantity), result.items[0].unit
('fr', 'pommes', 2.0, 'kilogram')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import InputTooLargeError
from .models import ShoppingList
from .options import ParseOptions
from .stages.assemble import assemble
from .stages.build import build_items
from .stages.clean import clean
from .stages.detect import detect_language
from .stages.normalize import Normalized, normalize
from .stages.join import join
from .stages.protect import protect
from .stages.segment import segment
from .stages.tokenize import tokenize

__all__ = ["Stage", "STAGES", "Explanation", "parse", "parse_many", "explain"]


def _link(result, catalog, lang: str, options: ParseOptions):
    """Stage 8, link: fill each item's ``matches`` from the catalog (nothing without one)."""
    items, warnings = result
    if catalog is None:
        return result
    from .catalog.link import link_items

    return link_items(items, catalog, lang=lang, top_k=options.top_k, min_score=options.min_score), warnings


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: ``fn(*state[reads]) -> state[writes]``."""

    name: str
    fn: Callable[..., Any]
    reads: tuple[str, ...]
    writes: str


STAGES: tuple[Stage, ...] = (
    Stage("normalize", normalize, ("text",), "normalized"),
    Stage("detect_language", detect_language, ("normalized", "lang", "options"), "lang"),
    Stage("tokenize", lambda n, lang: tokenize(n.text, lang), ("normalized", "lang"), "tokens"),
    Stage("join", join, ("tokens", "normalized", "lang"), "tokens"),
    Stage("protect", protect, ("tokens", "normalized", "catalog", "lang"), "tokens"),
    Stage("clean", clean, ("tokens", "normalized", "lang"), "tokens"),
    Stage("segment", segment, ("tokens", "lang"), "chunks"),
    Stage("assemble", assemble, ("chunks", "lang"), "drafts"),
    Stage("build", build_items, ("drafts", "text", "normalized", "lang", "options"), "items"),
    Stage("link", _link, ("items", "catalog", "lang", "options"), "items"),
)


def _check_input(text: object, options: ParseOptions) -> str:
    if not isinstance(text, str):
        raise TypeError(
            f"listparse.parse expects a str, not {type(text).__name__}"
            + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else "")
        )
    if len(text) > options.max_chars:
        raise InputTooLargeError(len(text), options.max_chars)
    return text


def _run(text: str, lang: str | None, options: ParseOptions, trace: list | None, catalog=None) -> dict[str, Any]:
    state: dict[str, Any] = {"text": text, "lang": lang, "options": options, "catalog": catalog}
    for stage in STAGES:
        state[stage.writes] = stage.fn(*[state[r] for r in stage.reads])
        if trace is not None:
            trace.append((stage, state[stage.writes]))
    return state


def _result(state: dict[str, Any]) -> ShoppingList:
    items, warnings = state["items"]
    return ShoppingList(lang=state["lang"], items=items, warnings=warnings)


def parse(
    text: str, *, lang: str | None = None, options: ParseOptions | None = None, catalog=None
) -> ShoppingList:
    """Parse a French or English shopping list into items.

    Parameters
    ----------
    text:
        One line, a written list, a chat command or a speech transcript.
    lang:
        ``"fr"`` or ``"en"``; ``None`` detects the language of the whole text.
    options:
        :class:`ParseOptions` (default language, size limits, linking top-k and threshold).
    catalog:
        A :class:`listparse.Catalog` (or a loaded ``CatalogIndex``) to link each item to
        products; ``None`` links nothing.

    Examples
    --------
    >>> [(i.name, float(i.quantity), i.unit) for i in parse("deux litres de lait et trois baguettes").items]
    [('lait', 2.0, 'liter'), ('baguettes', 3.0, None)]
    >>> parse("", lang="en").items
    ()
    """
    options = options or ParseOptions()
    text = _check_input(text, options)
    if lang is not None:
        from .lexicon import get_language

        get_language(lang)  # raises UnsupportedLanguageError for an unknown code
    return _result(_run(text, lang, options, None, catalog))


def parse_many(
    texts: Iterable[str], *, lang: str | None = None, options: ParseOptions | None = None, catalog=None
) -> Iterator[ShoppingList]:
    """Parse each text of ``texts`` lazily (a generator, for batch files and streams)."""
    options = options or ParseOptions()
    for text in texts:
        yield parse(text, lang=lang, options=options, catalog=catalog)


@dataclass(frozen=True)
class Explanation:
    """Every stage's output for one text; ``str()`` renders it for people."""

    text: str
    stages: tuple[tuple[str, str, str, Any], ...]
    result: ShoppingList

    def __str__(self) -> str:
        lines = [f"input: {self.text!r}"]
        for name, reads, writes, value in self.stages:
            lines.append(f"── {name}  ({reads} → {writes})")
            lines.extend("   " + row for row in _render(value).splitlines() or [""])
        return "\n".join(lines)


def _render(value: Any) -> str:
    if isinstance(value, Normalized):
        return repr(value.text)
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], tuple):
        items, warnings = value
        rows = [item.model_dump_json(exclude_defaults=True) for item in items]
        return "\n".join(rows + [f"warning: {w}" for w in warnings])
    if isinstance(value, list):
        return "\n".join(_render_row(v) for v in value) if value else "(none)"
    return repr(value)


def _render_row(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(repr(v) for v in value)
    return repr(value)


def explain(
    text: str, *, lang: str | None = None, options: ParseOptions | None = None, catalog=None
) -> Explanation:
    """Run the pipeline on ``text`` and keep each stage's output.

    >>> print(explain("3 citrons", lang="fr"))  # doctest: +ELLIPSIS
    input: '3 citrons'
    ── normalize  (text → normalized)
       '3 citrons'
    ...
    """
    options = options or ParseOptions()
    text = _check_input(text, options)
    trace: list = []
    state = _run(text, lang, options, trace, catalog)
    stages = tuple((s.name, ", ".join(s.reads), s.writes, v) for s, v in trace)
    return Explanation(text, stages, _result(state))
