"""The trimmed Radix stylesheet (soprano_app/radix_css.py) holds every colour scale the code names."""

import re
from pathlib import Path

import soprano_app
from soprano_app.radix_css import COLORS

RADIX_SCALES = [
    "tomato",
    "red",
    "ruby",
    "crimson",
    "pink",
    "plum",
    "purple",
    "violet",
    "iris",
    "indigo",
    "blue",
    "cyan",
    "teal",
    "jade",
    "green",
    "grass",
    "bronze",
    "gold",
    "brown",
    "orange",
    "amber",
    "yellow",
    "lime",
    "mint",
    "sky",
    "gray",
    "mauve",
    "slate",
    "sage",
    "olive",
    "sand",
]


def test_every_colour_named_in_the_code_is_imported() -> None:
    root = Path(soprano_app.__file__).parent
    pattern = re.compile(r"\"(" + "|".join(RADIX_SCALES) + r")\"")
    named = {m for path in root.rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}
    rxconfig = (root.parent / "rxconfig.py").read_text(encoding="utf-8")
    named |= set(pattern.findall(rxconfig))
    assert named <= set(COLORS), f"add to radix_css.COLORS: {sorted(named - set(COLORS))}"
