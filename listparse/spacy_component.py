"""A spaCy pipeline component: ``nlp.add_pipe("listparse")`` sets ``doc._.shopping_items``.

The component runs :func:`listparse.parse` on ``doc.text``; it does not use spaCy's tokens, so it
works on any French or English pipeline, blank or trained, wherever it sits in the pipeline.
Item spans are character offsets into ``doc.text``.

The factory is registered through the ``spacy_factories`` entry point declared by the package,
so installing listparse is enough for ``nlp.add_pipe("listparse")``; importing this module
registers it too. This is the only listparse module that imports spaCy.

Config (``nlp.add_pipe("listparse", config={...})``):

``lang``
    ``"fr"``, ``"en"`` or ``None``. ``None`` (the default) uses the pipeline's language when it
    is French or English, and otherwise detects the language of each text.
``set_spans``
    Also store the items as a span group ``doc.spans[spans_key]`` (default ``False``). Each
    span covers the tokens the item's characters touch (``alignment_mode="expand"``), has the
    label ``SHOPPING_ITEM`` and, as ``span.id_``, the index (a string) of its item in
    ``doc._.shopping_items``.
``spans_key``
    The span group key (default ``"shopping_items"``).

``doc._.shopping_items`` is read from a plain (msgpack-friendly) copy kept in
``doc.user_data``, so docs still serialize (``doc.to_bytes()``, ``DocBin(store_user_data=True)``,
``nlp.pipe(..., n_process=2)``); each read builds the tuple again, so keep it in a variable
when looping.

Examples
--------
>>> import spacy
>>> import listparse.spacy_component
>>> nlp = spacy.blank("fr")
>>> _ = nlp.add_pipe("listparse")
>>> doc = nlp("deux litres de lait et trois baguettes")
>>> [(i.name, int(i.quantity), i.unit) for i in doc._.shopping_items]
[('lait', 2, 'liter'), ('baguettes', 3, None)]
"""

from fractions import Fraction
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import SUPPORTED_LANGUAGES
from .models import Item
from .pipeline import parse

__all__ = [
    "EXTENSION",
    "SPAN_LABEL",
    "ListparseComponent",
    "make_listparse_component",
    "register_extensions",
]

#: Name of the ``Doc`` extension attribute: ``doc._.shopping_items``.
EXTENSION = "shopping_items"
#: Label of the spans written to ``doc.spans`` when ``set_spans`` is on.
SPAN_LABEL = "SHOPPING_ITEM"
#: Key of the serializable item data in ``doc.user_data``.
_DATA_KEY = ("listparse", EXTENSION)

_DEFAULT_CONFIG: Dict[str, Any] = {"lang": None, "set_spans": False, "spans_key": EXTENSION}


def _encode(value: Any) -> Any:
    """``Item.model_dump()`` output with exact numbers as strings and tuples as lists."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dict):
        return {key: _encode(v) for key, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


def _get_shopping_items(doc: Doc) -> Tuple[Item, ...]:
    """Getter of ``doc._.shopping_items``: the items stored by the component, else ``()``."""
    data = doc.user_data.get(_DATA_KEY)
    if not data:
        return ()
    return tuple(Item.model_validate(entry) for entry in data)


def register_extensions() -> None:
    """Register ``Doc._.shopping_items`` (safe to call any number of times).

    Raises ``ValueError`` when another package already registered an extension of that name.
    """
    if Doc.has_extension(EXTENSION):
        _default, _method, getter, _setter = Doc.get_extension(EXTENSION)
        if getter is _get_shopping_items:
            return
        ours = getattr(getter, "__module__", None) == __name__ and getattr(
            getter, "__qualname__", None
        ) == _get_shopping_items.__qualname__
        if not ours:  # pragma: no cover - depends on third-party code
            raise ValueError(
                f"Doc extension {EXTENSION!r} is already registered by {getter!r}; "
                "listparse cannot register its own"
            )
    # first registration, or this module was reloaded: point the extension at this getter
    Doc.set_extension(EXTENSION, getter=_get_shopping_items, force=True)


class ListparseComponent:
    """The pipeline component: parse ``doc.text`` and store the items on the doc.

    Build it with ``nlp.add_pipe("listparse", config={...})`` rather than directly.
    """

    def __init__(
        self,
        name: str = "listparse",
        *,
        lang: Optional[str] = None,
        set_spans: bool = False,
        spans_key: str = EXTENSION,
    ) -> None:
        if lang is not None and lang not in SUPPORTED_LANGUAGES:
            raise ValueError(
                f"listparse component {name!r}: lang must be one of "
                f"{', '.join(SUPPORTED_LANGUAGES)} or None, not {lang!r}"
            )
        self.name = name
        self.lang = lang
        self.set_spans = set_spans
        self.spans_key = spans_key
        register_extensions()

    def __repr__(self) -> str:
        return (
            f"ListparseComponent(name={self.name!r}, lang={self.lang!r}, "
            f"set_spans={self.set_spans!r}, spans_key={self.spans_key!r})"
        )

    def __call__(self, doc: Doc) -> Doc:
        items = parse(doc.text, lang=self.lang).items
        doc.user_data[_DATA_KEY] = [_encode(item.model_dump()) for item in items]
        if self.set_spans:
            doc.spans[self.spans_key] = self._spans(doc, items)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process docs one by one (parsing needs no batching)."""
        for doc in stream:
            yield self(doc)

    @staticmethod
    def _spans(doc: Doc, items: Tuple[Item, ...]) -> List[Any]:
        spans = []
        for index, item in enumerate(items):
            start, end = item.span
            span = doc.char_span(
                start, end, label=SPAN_LABEL, alignment_mode="expand", span_id=str(index)
            )
            if span is not None:  # None only for an empty or blank character span
                spans.append(span)
        return spans


@Language.factory(
    "listparse",
    default_config=_DEFAULT_CONFIG,
    assigns=["doc._.shopping_items"],
)
def make_listparse_component(
    nlp: Language,
    name: str,
    lang: Optional[str],
    set_spans: bool,
    spans_key: str,
) -> ListparseComponent:
    """Factory of the ``listparse`` component (see the module docstring for the config)."""
    if lang is None and nlp.lang in SUPPORTED_LANGUAGES:
        lang = nlp.lang
    return ListparseComponent(name, lang=lang, set_spans=set_spans, spans_key=spans_key)


register_extensions()
