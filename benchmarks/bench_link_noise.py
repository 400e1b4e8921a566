"""Linking under noise: how often a slip, a plural, dropped accents, the case or a brand put
first changes the product a query links to.

Run from the project root, in the project's environment (needs ../shared, beside the project)::

    python benchmarks/bench_link_noise.py              # 400 item names a language, seed 20240917
    python benchmarks/bench_link_noise.py --per-lang 100 --seed 7

The queries are the distinct item names of the labelled lists in ../shared/data/parse (a fixed
sample), linked to the French and US catalogs of ../shared/data/catalog. Each query that links
to something is altered one way at a time; the table gives, per alteration and language, the
share of altered queries whose first product keeps the clean query's first product name, and
how many abstain instead. This measures consistency, not correctness: the dev link sets and
``eval_link.py`` say what is right. Typos never touch a word's first letter, and French ones
are typed on an AZERTY keyboard, English ones on QWERTY.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling modules
from bench_link import with_plural_toggled  # noqa: E402
from benchutil import PROJECT_ROOT, run_meta  # noqa: E402

SHARED = PROJECT_ROOT.parent / "shared" / "data"
ROWS = {"en": ("qwertyuiop", "asdfghjkl", "zxcvbnm"), "fr": ("azertyuiop", "qsdfghjklm", "wxcvbn")}
_WORD = re.compile(r"[^\W\d_]+")


def neighbours(lang: str) -> dict[str, str]:
    """Each letter's neighbours on the language's keyboard, same row and the rows around."""
    rows = ROWS[lang]
    near: dict[str, set[str]] = collections.defaultdict(set)
    for r, row in enumerate(rows):
        for i, letter in enumerate(row):
            for k, other in enumerate(rows):
                if abs(k - r) <= 1:
                    spots = (j for j in (i - 1, i, i + 1) if 0 <= j < len(other))
                    near[letter].update(other[j] for j in spots if other[j] != letter)
    return {k: "".join(sorted(v)) for k, v in near.items()}


def _long_words(text: str) -> list[re.Match]:
    return [m for m in _WORD.finditer(text) if len(m.group()) >= 5]


def _edit(text: str, rng: random.Random, make) -> str | None:
    """``text`` with one long word changed by ``make(word, rng)`` (None when none can be)."""
    words = _long_words(text)
    rng.shuffle(words)
    for m in words:
        new = make(m.group(), rng)
        if new and new != m.group():
            return text[: m.start()] + new + text[m.end() :]
    return None


def variants(text: str, lang: str, brand: str | None, rng: random.Random) -> dict[str, str | None]:
    """The altered queries of one clean query, by kind (None when the kind does not apply)."""
    near = neighbours(lang)

    def neighbour(word: str, rng: random.Random) -> str | None:
        spots = [i for i in range(1, len(word)) if word[i].lower() in near]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + rng.choice(near[word[i].lower()]) + word[i + 1 :]

    def double(word: str, rng: random.Random) -> str:
        i = rng.randrange(1, len(word))
        return word[: i + 1] + word[i] + word[i + 1 :]

    def swap(word: str, rng: random.Random) -> str | None:
        spots = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return {
        "typo:neighbour": _edit(text, rng, neighbour),
        "typo:double": _edit(text, rng, double),
        "typo:swap": _edit(text, rng, swap),
        "plural": with_plural_toggled(text, lang),
        "no accents": plain if plain != text else None,
        "upper case": text.upper(),
        "brand first": f"{brand} {text}" if brand else None,
    }


def load_queries(per_lang: int, seed: int) -> dict[str, list[str]]:
    names: dict[str, set[str]] = {"fr": set(), "en": set()}
    for path in sorted((SHARED / "parse").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("lang") in names:
                names[record["lang"]].update(i["name"] for i in record.get("items", ()) if i.get("name"))
    rng = random.Random(seed)
    out = {}
    for lang, found in names.items():
        ordered = sorted(found)
        rng.shuffle(ordered)
        out[lang] = ordered[:per_lang]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-lang", type=int, default=400, help="item names sampled per language (default 400)")
    ap.add_argument("--seed", type=int, default=20240917)
    args = ap.parse_args(argv)
    if not (SHARED / "parse").is_dir():
        print(f"skipped: no labelled data at {SHARED} (the folder beside the project)")
        return 0
    import listparse

    meta = run_meta()
    print(f"listparse {meta['listparse']} ({meta['commit']}), Python {meta['python']}, seed {args.seed}")
    counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for lang, queries in load_queries(args.per_lang, args.seed).items():
        catalog = listparse.Catalog.from_file(SHARED / "catalog" / f"{lang}_products.csv")
        brand_of = dict(zip(catalog.skus, catalog.brands, strict=True))

        def first(text: str, lang: str = lang, catalog=catalog):
            items = listparse.parse(text, lang=lang, catalog=catalog).items
            return items[0].matches[0] if items and items[0].matches else None

        for n, text in enumerate(queries):
            clean = first(text)
            if clean is None:
                continue
            brand = brand_of.get(clean.sku)
            rng = random.Random(f"{args.seed}|{lang}|{n}")
            for kind, noisy in variants(text, lang, brand, rng).items():
                if noisy is None or noisy == text:
                    continue
                found = first(noisy)
                counts[(kind, lang)]["n"] += 1
                outcome = "abstain" if found is None else "same" if found.name == clean.name else "changed"
                counts[(kind, lang)][outcome] += 1
    print(f"{'alteration':16} {'lang':4} {'n':>5} {'same':>6} {'changed':>8} {'abstain':>8} {'% same':>7}")
    for (kind, lang), c in sorted(counts.items()):
        share = 100 * c["same"] / c["n"]
        print(f"{kind:16} {lang:4} {c['n']:5} {c['same']:6} {c['changed']:8} {c['abstain']:8} {share:6.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
