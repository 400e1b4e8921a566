"""A list as data for an API (:func:`list_view`) and as text for people (:func:`export_text`).

>>> from listparse.conversation import handle_message, new_state
>>> state = handle_message(new_state("demo"), "2 L de lait et du pain").state
>>> list_view(state)["items"][0]
{'item_id': '1', 'name': 'lait', 'quantity': 2.0, 'unit': 'liter', 'sku': None, 'sku_name': None, 'pack_count': None}
>>> print(export_text(state))
Liste de courses
- 2 L de lait
- pain
"""

from __future__ import annotations

from typing import Any

from .phrases import replies
from .render import entry_phrase
from .state import ListState

__all__ = ["export_text", "list_view"]

_DEFAULT_LANG = "fr"


def list_view(state: ListState) -> dict[str, Any]:
    """The list as JSON-ready data: ids, names, quantities as numbers (or null), units, links."""
    return {
        "list_id": state.list_id,
        "lang": state.lang,
        "items": [
            {
                "item_id": e.item_id,
                "name": e.name,
                "quantity": None if e.quantity is None else float(e.quantity),
                "unit": e.unit,
                "sku": e.sku,
                "sku_name": e.sku_name,
                "pack_count": e.pack_count,
            }
            for e in state.items
        ],
    }


def export_text(state: ListState) -> str:
    """The list as text in its language: a heading, then one entry a line."""
    lang = state.lang or _DEFAULT_LANG
    r = replies(lang)
    lines = [r.text("export_header")]
    if not state.items:
        lines.append(r.text("export_empty"))
    lines.extend(r.text("export_line", item=entry_phrase(e, lang)) for e in state.items)
    return "\n".join(lines)
