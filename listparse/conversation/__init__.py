"""Shopping-list conversations: a chat message in French or English read as a list command.

Pure and deterministic: no web, no database. :func:`handle_message` takes a :class:`ListState`
and a message (« ajoute deux litres de lait et du pain », "remove the milk", « qu'est-ce qu'il y
a sur ma liste ? », « vide la liste », "undo", « est-ce que j'ai du lait ? », « ajoute du lait
et enlève le pain ») and returns a :class:`Turn`: the new state, the reply in the user's
language, and what was done. The words it knows are in
``lexicons/<lang>/commands.tsv``, its replies in ``lexicons/<lang>/replies.tsv``; the rules of
merging and removing are in :mod:`listparse.conversation.handler`.

>>> from listparse.conversation import handle_message, new_state
>>> turn = handle_message(new_state("chat:1"), "deux baguettes et du beurre")
>>> turn.reply
"J'ai ajouté 2 baguettes et du beurre."
>>> turn = handle_message(turn.state, "enlève une baguette")
>>> turn.reply
"J'ai enlevé 1 baguette (il en reste 1)."
>>> handle_message(turn.state, "what's on my list?").reply
'Your list: 1 baguette, beurre.'
>>> handle_message(turn.state, "est-ce que j'ai du beurre ?").reply
'Oui, sur ta liste : beurre.'
>>> handle_message(turn.state, "ajoute du lait et enlève le beurre").reply
"J'ai ajouté du lait. J'ai enlevé le beurre."
"""

from __future__ import annotations

from .handler import handle_message, remove_item
from .state import ItemNotFound, ListEntry, ListState, Turn, new_state
from .view import export_text, list_view

__all__ = [
    "ItemNotFound",
    "ListEntry",
    "ListState",
    "Turn",
    "export_text",
    "handle_message",
    "list_view",
    "new_state",
    "remove_item",
]
