"""Conversation benchmark: the time of one chat message through ``handle_message``, with and
without linking to the default catalog, in one process.

Run from the project root, in the project's environment::

    python benchmarks/bench_conversation.py                      # about half a minute
    python benchmarks/bench_conversation.py --passes 3 --lists 4 # quicker
    python benchmarks/bench_conversation.py --baseline /tmp/old  # also an older tree, same run
    python benchmarks/bench_conversation.py --profile 25         # where the time goes (cProfile)
    python benchmarks/bench_conversation.py --dump out.jsonl     # every reply and list, to compare

The workload is a fixed, seeded set of conversations, half French and half English: adds with
amounts and containers (« ajoute 2 L de lait », "a bottle of milk"), several products in one
message, removes of an amount or of a whole entry (« enlève-le »), questions (« est-ce que j'ai
du lait ? »), shows, two commands in one message, undo and thanks. Each list is replayed
message by message through :func:`listparse.conversation.handle_message`, its state carried
from one message to the next. One untimed pass fills the lexicons, the unit registry and the
caches, as in a long-running service; then ``--passes`` timed passes, each from new lists.

Figures, per workload (*link*: ``catalog=default_catalog()``; *no link*: ``catalog=None``;
*link cold*: linking, with listparse's per-text caches, the latest catalog searches among them,
emptied before every timed pass, so that a pass only gains from the texts it repeats itself):

- *median µs*: the median of the wall time of every message of every timed pass;
- *mean µs*: their mean, which is what a message costs the server on average;
- *cpu µs/msg*: the process CPU time of a pass divided by its messages, median over passes.

``--baseline DIR`` runs this same script again in a subprocess with ``DIR`` (a copy of another
tree of the project, e.g. ``git archive <commit> | tar -x -C DIR``) first on ``PYTHONPATH``,
right after this tree's run and with the same settings, and prints both with the ratios
(baseline ÷ this tree: above 1 means this tree is faster). The machine is shared: quote the
medians and the ratios of one run, not figures from another day.

``--dump FILE`` writes one JSON line per message and workload (the reply, the action, the
language and the list view, links included), so two trees can be checked to answer alike.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling module benchutil
from benchutil import TEXT_CACHE_MODULES  # noqa: E402
from benchutil import clear_text_caches as benchutil_clear  # noqa: E402
SEED = 2024

# --- the conversations -------------------------------------------------------------------------

# product: (word with its article for questions and removes, ways to write an amount of it)
FR_PRODUCTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("lait", "le lait", ("{n} L de lait", "{n} litres de lait", "une bouteille de lait",
                         "{n} bouteilles de lait", "50 cl de lait", "du lait demi-écrémé")),
    ("pommes", "les pommes", ("{n} kg de pommes", "{n} pommes", "500 g de pommes")),
    ("farine", "la farine", ("{n}00 g de farine", "un paquet de farine", "1 kg de farine")),
    ("œufs", "les œufs", ("{n} œufs", "une boîte d'œufs", "6 œufs")),
    ("pâtes", "les pâtes", ("{n} paquets de pâtes", "500 g de pâtes", "des pâtes")),
    ("beurre", "le beurre", ("250 g de beurre", "du beurre", "{n} plaquettes de beurre")),
    ("yaourts", "les yaourts", ("{n} yaourts nature", "{n} yaourts", "un pack de yaourts")),
    ("eau", "l'eau", ("{n} bouteilles d'eau", "6 L d'eau minérale", "un pack d'eau")),
    ("jus d'orange", "le jus d'orange", ("1 L de jus d'orange", "une brique de jus d'orange",
                                         "{n} litres de jus d'orange")),
    ("baguettes", "les baguettes", ("{n} baguettes", "une baguette", "du pain")),
    ("tomates", "les tomates", ("{n} tomates", "1 kg de tomates", "une boîte de tomates pelées")),
    ("café", "le café", ("un paquet de café moulu", "250 g de café", "du café")),
    ("riz", "le riz", ("{n} kg de riz basmati", "un sachet de riz", "500 g de riz")),
    ("jambon", "le jambon", ("4 tranches de jambon blanc", "du jambon", "{n} tranches de jambon")),
    ("fromage râpé", "le fromage râpé", ("200 g de fromage râpé", "un sachet de fromage râpé")),
    ("bananes", "les bananes", ("{n} bananes", "1 kg de bananes")),
)
EN_PRODUCTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("milk", "the milk", ("{n} liters of milk", "{n} l of milk", "a bottle of milk",
                          "{n} bottles of milk", "half a gallon of milk", "some whole milk")),
    ("eggs", "the eggs", ("{n} eggs", "a dozen eggs", "a box of eggs")),
    ("apples", "the apples", ("{n} apples", "{n} kg of apples", "2 lbs of apples")),
    ("flour", "the flour", ("{n}00 g of flour", "a bag of flour", "1 kg of flour")),
    ("butter", "the butter", ("250 g of butter", "some butter", "{n} sticks of butter")),
    ("rice", "the rice", ("{n} kg of basmati rice", "a bag of rice", "500 g of rice")),
    ("orange juice", "the orange juice", ("1 liter of orange juice", "a carton of orange juice",
                                          "{n} bottles of orange juice")),
    ("pasta", "the pasta", ("{n} packs of pasta", "500 g of spaghetti", "some pasta")),
    ("bread", "the bread", ("a loaf of bread", "{n} loaves of bread", "some bread")),
    ("cheddar", "the cheddar", ("200 g of cheddar cheese", "a block of cheddar")),
    ("bananas", "the bananas", ("{n} bananas", "a bunch of bananas")),
    ("coffee", "the coffee", ("a bag of ground coffee", "250 g of coffee", "some coffee")),
    ("water", "the water", ("{n} bottles of water", "a pack of sparkling water", "6 l of water")),
    ("yogurt", "the yogurt", ("{n} greek yogurts", "a tub of yogurt", "4 yogurts")),
    ("tomatoes", "the tomatoes", ("{n} tomatoes", "a can of chopped tomatoes", "1 kg of tomatoes")),
    ("chicken", "the chicken", ("500 g of chicken breast", "a whole chicken", "{n} chicken thighs")),
)

FORMS = {
    "fr": {
        "add": ("ajoute {a}", "{a}", "rajoute {a}", "il me faut {a}", "mets {a} sur la liste",
                "n'oublie pas {a}", "est-ce que tu peux ajouter {a} s'il te plaît ?"),
        "join": (" et ", ", "),
        "remove_amount": ("enlève {a}", "retire {a}", "enlève {a} de la liste"),
        "remove_whole": ("enlève {p}", "supprime {p}", "plus besoin de {w}"),
        "remove_it": ("enlève-le", "retire ça", "supprime-le"),
        "ask": ("est-ce que j'ai {p} ?", "est-ce qu'il y a {p} sur ma liste ?", "ai-je déjà mis {p} ?"),
        "show": ("qu'est-ce qu'il y a sur ma liste ?", "montre-moi ma liste", "affiche la liste"),
        "two": ("ajoute {a} et enlève {p}", "enlève {p} et ajoute {a}", "ajoute {a} puis affiche la liste"),
        "undo": ("annule", "oups, annule ça"),
        "thanks": ("merci", "super, merci beaucoup"),
    },
    "en": {
        "add": ("add {a}", "{a}", "please add {a}", "i need {a}", "put {a} on my list",
                "don't forget {a}", "can you add {a} to the shopping list please?"),
        "join": (" and ", ", "),
        "remove_amount": ("remove {a}", "take {a} off the list", "remove {a} from my list"),
        "remove_whole": ("remove {p}", "delete {p}", "we no longer need {w}"),
        "remove_it": ("remove it", "delete that", "take it off"),
        "ask": ("do i have {w}?", "is there {w} on my list?", "did i add {w}?"),
        "show": ("what's on my list?", "show me my list", "read me the shopping list"),
        "two": ("add {a} and remove {p}", "remove {p} and add {a}", "add {a} then show my list"),
        "undo": ("undo", "oops, undo that"),
        "thanks": ("thanks", "thank you very much"),
    },
}
# (kind, weight): adds dominate, as in a real shopping chat
KINDS = (("add", 45), ("add_many", 12), ("remove_amount", 10), ("remove_whole", 6), ("remove_it", 3),
         ("ask", 8), ("show", 5), ("two", 6), ("undo", 3), ("thanks", 2))


def _amount(rng: random.Random, product: tuple[str, str, tuple[str, ...]]) -> str:
    return rng.choice(product[2]).format(n=rng.choice((1, 2, 3, 4)))


def build_conversations(lists: int, messages: int, *, seed: int = SEED) -> list[tuple[str, list[str]]]:
    """``lists`` conversations of ``messages`` messages each, as (language, messages); the same
    for the same arguments."""
    out = []
    kinds, weights = zip(*KINDS, strict=True)
    for index in range(lists):
        rng = random.Random(f"{seed}:{index}")
        lang = "fr" if index % 2 == 0 else "en"
        products = rng.sample(FR_PRODUCTS if lang == "fr" else EN_PRODUCTS, 8)
        forms = FORMS[lang]
        texts = []
        for _ in range(messages):
            kind = rng.choices(kinds, weights)[0]
            product = rng.choice(products)
            if kind == "add_many":
                chosen = rng.sample(products, rng.choice((2, 3)))
                amounts = [_amount(rng, p) for p in chosen]
                joined = rng.choice(forms["join"]).join(amounts[:-1]) + forms["join"][0] + amounts[-1]
                texts.append(rng.choice(forms["add"]).format(a=joined))
                continue
            template = rng.choice(forms[kind])
            texts.append(template.format(a=_amount(rng, product), p=product[1], w=product[0]))
        out.append((lang, texts))
    return out


# --- replaying ---------------------------------------------------------------------------------


def replay(conversations, catalog, *, list_prefix: str, timings: list[float] | None = None,
           dump=None, workload: str = "") -> int:
    """Send every conversation's messages, in order, to new lists; the number of messages."""
    from listparse.conversation import handle_message, list_view, new_state

    count = 0
    clock = time.perf_counter
    for number, (lang, texts) in enumerate(conversations):
        state = new_state(f"{list_prefix}-{number}")
        for text in texts:
            began = clock()
            turn = handle_message(state, text, lang=lang, catalog=catalog)
            spent = clock() - began
            if timings is not None:
                timings.append(spent)
            state = turn.state
            count += 1
            if dump is not None:
                record = {"workload": workload, "list": number, "text": text, "reply": turn.reply,
                          "action": turn.action, "lang": turn.lang, "changed": turn.changed,
                          "view": list_view(state)}
                dump.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def clear_text_caches() -> list[str]:
    """Empty listparse's per-text caches, the conversation-matching ones included, and the
    latest catalog searches. The lexicon tables, the unit registry and the catalog index stay
    loaded."""
    return benchutil_clear((*TEXT_CACHE_MODULES, "listparse.conversation.matching"))


def measure(conversations, catalog, *, passes: int, cold: bool = False) -> dict:
    """The figures of one workload: one warm-up pass, then ``passes`` timed ones (``cold``:
    each after :func:`clear_text_caches`)."""
    replay(conversations, catalog, list_prefix="warm")
    timings: list[float] = []
    cpu_per_message = []
    for p in range(passes):
        if cold:
            clear_text_caches()
        gc.collect()
        cpu = time.process_time()
        count = replay(conversations, catalog, list_prefix=f"pass{p}", timings=timings)
        cpu_per_message.append((time.process_time() - cpu) / count)
    timings.sort()
    return {
        "messages": len(timings),
        "median_us": statistics.median(timings) * 1e6,
        "mean_us": statistics.fmean(timings) * 1e6,
        "p90_us": timings[int(0.9 * (len(timings) - 1))] * 1e6,
        "cpu_us_per_message": statistics.median(cpu_per_message) * 1e6,
    }


def run(args) -> dict:
    """This tree's figures, per workload."""
    import listparse
    from listparse.catalog.default import default_catalog

    conversations = build_conversations(args.lists, args.messages, seed=args.seed)
    began = time.perf_counter()
    catalog = default_catalog()
    load_s = time.perf_counter() - began
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as dump:
            replay(conversations, catalog, list_prefix="dump", dump=dump, workload="link")
            replay(conversations, None, list_prefix="dump", dump=dump, workload="no link")
    figures = {"listparse": str(Path(listparse.__file__).parent), "catalog_load_s": load_s, "workloads": {}}
    for name, linked, cold in (("link", catalog, False), ("link cold", catalog, True), ("no link", None, False)):
        figures["workloads"][name] = measure(conversations, linked, passes=args.passes, cold=cold)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        replay(conversations, catalog, list_prefix="profile")
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(r"listparse", args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)
    return figures


def run_baseline(args, tree: Path) -> dict:
    """The same figures for another tree of the project, from a subprocess."""
    command = [sys.executable, str(Path(__file__).resolve()), "--json", "-", "--lists", str(args.lists),
               "--messages", str(args.messages), "--passes", str(args.passes), "--seed", str(args.seed)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tree), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the baseline run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def report(figures: dict, baseline: dict | None) -> None:
    print(f"listparse from {figures['listparse']}; default catalog loaded in {figures['catalog_load_s']:.2f} s")
    header = f"{'workload':<10} {'msgs':>6} {'median µs':>10} {'mean µs':>9} {'p90 µs':>8} {'cpu µs/msg':>11}"
    print(header)
    for name, w in figures["workloads"].items():
        print(f"{name:<10} {w['messages']:>6} {w['median_us']:>10.0f} {w['mean_us']:>9.0f} {w['p90_us']:>8.0f} "
              f"{w['cpu_us_per_message']:>11.0f}")
    if baseline is None:
        return
    print(f"\nbaseline: listparse from {baseline['listparse']}")
    print(header + f" {'ratio median':>13} {'ratio cpu':>10}")
    for name, w in baseline["workloads"].items():
        own = figures["workloads"][name]
        print(f"{name:<10} {w['messages']:>6} {w['median_us']:>10.0f} {w['mean_us']:>9.0f} {w['p90_us']:>8.0f} "
              f"{w['cpu_us_per_message']:>11.0f} {w['median_us'] / own['median_us']:>12.2f}x "
              f"{w['cpu_us_per_message'] / own['cpu_us_per_message']:>9.2f}x")
    print("(ratio: the baseline's figure divided by this tree's; above 1 means this tree is faster)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lists", type=int, default=8, help="conversations (half French, half English)")
    ap.add_argument("--messages", type=int, default=60, help="messages per conversation")
    ap.add_argument("--passes", type=int, default=5, help="timed passes over every conversation")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--baseline", type=Path, help="another tree of the project to measure in the same run")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions of a pass")
    ap.add_argument("--dump", type=Path, help="write every reply and list view as JSON lines")
    ap.add_argument("--json", help="write the figures as JSON to this file ('-': print only the JSON)")
    args = ap.parse_args(argv)
    if args.lists < 1 or args.messages < 1 or args.passes < 1:
        ap.error("--lists, --messages and --passes must be at least 1")

    figures = run(args)
    figures.update(python=platform.python_version(), machine=platform.machine(), cpus=os.cpu_count(),
                   settings={"lists": args.lists, "messages": args.messages, "passes": args.passes,
                             "seed": args.seed})
    if args.json == "-":
        print(json.dumps(figures))
        return 0
    baseline = run_baseline(args, args.baseline.resolve()) if args.baseline else None
    report(figures, baseline)
    if args.json:
        Path(args.json).write_text(json.dumps({"this": figures, "baseline": baseline}, indent=2) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
