"""Turns recorded `add_argument(...)` calls into catalog flag records, and writes catalog files.

Only facts go into a record (names, type, choices, default, range, deprecation); help text is read at
most to find a deprecated flag's replacement name, and is never stored.

Besides FIELDS, which every record has, a record has these only where they apply:
- `int_suffixes`: for `human_readable_int*` types, the suffixes the converter multiplies by:
  `{"decimal": {"k": 1000, ...}, "binary": {"K": 1024, ...}}`. A decimal suffix follows a whole or
  fractional number (`25.6k`, the product truncated), a binary one a whole number only; anything else
  goes to Python's `int()`.
- `int_words`: words the converter takes in any letter case, with the int each stands for (`{"auto": -1}`).
- `transform`: the `str` methods the converter applies to the argument before argparse checks the
  choices, in order, as `[method, *arguments]`: `[["lower"], ["replace", "-", "_"]]`.
- `accepts_none`: true when the converter turns the argument `None` into None (vLLM's `optional_type`,
  `nullable_str`), so `--flag None` means "not set" rather than the text None.
"""

from __future__ import annotations

import ast
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from pyinterp import ClassRef, EnumMember, FunctionRef, Interpreter, Lambda, LiteralType, TypeVal, Unknown

# Upstream `type=` callables and the value type they accept, by the name the source gives them.
TYPE_FUNCTIONS = {
    "int": "int",
    "float": "float",
    "str": "str",
    "bool": "bool",
    "json": "json",
    "nullable_str": "str",
    "json_list_type": "json",
    "union_dict_and_str": "json",
    "parse_dataclass": "json",
}

# Converters that turn the argument "None" into None, by name.
NONE_CONVERTERS = {"nullable_str"}

# vLLM main moved these converters to vllm/utils/argparse_utils.py, a file not among the sources: what that
# file's functions accept, read by hand, for when the definition is not found.
KNOWN_INT_CONVERSIONS = {
    "human_readable_int": (
        {
            "decimal": {"k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12},
            "binary": {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40},
        },
        None,
    ),
    "human_readable_int_or_auto": (
        {
            "decimal": {"k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12},
            "binary": {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40},
        },
        {"auto": -1},
    ),
}

# The str methods a normalising `type=` may call, and how many arguments each takes.
STR_METHODS = {"lower": 0, "upper": 0, "strip": 0, "replace": 2}


@dataclass(frozen=True)
class AcceptsNone:
    """`optional_type(inner)`: "None" (and "") become None, anything else goes to `inner`."""

    inner: Any


FLAG_ACTIONS = {"store_true": False, "store_false": True, "store_const": None, "count": None}

FIELDS = (
    "name",
    "aliases",
    "type",
    "nargs",
    "choices",
    "choices_enforced",
    "default",
    "is_flag",
    "negation",
    "range",
    "deprecated",
)


class Notes:
    """What could not be resolved, per flag, for the generator's summary."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, flag: str, what: str) -> None:
        self.items.append(f"{flag}: {what}")


def to_json(value: Any, flag: str, what: str, notes: Notes) -> Any:
    """A JSON value for a default or a choice; anything not representable becomes null, noted."""
    if isinstance(value, EnumMember):
        return to_json(value.value, flag, what, notes)
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        notes.add(flag, f"{what} is {value}, written as null")
        return None
    if isinstance(value, (list, tuple)):
        return [to_json(v, flag, what, notes) for v in value]
    if isinstance(value, dict):
        return {str(to_json(k, flag, what, notes)): to_json(v, flag, what, notes) for k, v in value.items()}
    if isinstance(value, TypeVal) and value.name == "argparse.SUPPRESS":
        return None
    if isinstance(value, Unknown):
        notes.add(flag, f"{what} not resolved ({value.reason})")
        return None
    notes.add(flag, f"{what} is a {type(value).__name__}, written as null")
    return None


def type_name(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, TypeVal) and value.name.startswith("str."):
        return "str"  # `type=str.lower`
    if isinstance(value, TypeVal):
        return TYPE_FUNCTIONS.get(value.name, value.name)
    if isinstance(value, FunctionRef):
        return TYPE_FUNCTIONS.get(value.node.name, value.node.name)
    if isinstance(value, ClassRef):
        return TYPE_FUNCTIONS.get(value.name, value.name)
    if isinstance(value, Lambda):
        return "str"  # vLLM's normalising lambdas (`s.lower()`) take a string
    if isinstance(value, Unknown) and value.name:
        return TYPE_FUNCTIONS.get(value.name, value.name)
    return None


def converter_name(value: Any) -> str | None:
    if isinstance(value, FunctionRef):
        return value.node.name
    if isinstance(value, (TypeVal, ClassRef)) or (isinstance(value, Unknown) and value.name):
        return value.name
    return None


def transform_of(value: Any) -> list[list] | None:
    """The str methods a `type=` applies, in order: `str.lower`, or a lambda calling a chain of them on its
    argument (`lambda s: s.lower().replace("-", "_")`). None when it is neither, or calls anything else."""
    if isinstance(value, TypeVal) and value.name.startswith("str."):
        method = value.name[len("str.") :]
        return [[method]] if STR_METHODS.get(method) == 0 else None
    if not isinstance(value, Lambda) or len(value.node.args.args) != 1:
        return None
    param = value.node.args.args[0].arg
    steps: list[list] = []
    node = value.node.body
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.keywords:
        method = node.func.attr
        args = node.args
        if STR_METHODS.get(method) != len(args) or not all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
        ):
            return None
        steps.append([method, *(a.value for a in args)])  # type: ignore[union-attr]
        node = node.func.value
    if not (isinstance(node, ast.Name) and node.id == param) or not steps:
        return None
    return list(reversed(steps))


def int_conversion(interp: Interpreter, value: Any) -> tuple[dict | None, dict | None] | None:
    """(suffixes, words) of a human-readable int converter, read from its definition: the dicts of
    `suffix: 10**n` (decimal) and `suffix: 2**n` (binary), those of a converter it calls, and the words an
    `if value.lower() == "auto": return -1` takes. None when the definition shows none of these."""
    if not isinstance(value, FunctionRef):
        known = KNOWN_INT_CONVERSIONS.get(converter_name(value) or "")
        return known
    suffixes: dict[str, dict[str, int]] = {"decimal": {}, "binary": {}}
    words: dict[str, int] = {}
    seen: set[str] = set()

    def read(func: ast.FunctionDef, module: Any) -> None:
        if func.name in seen:
            return
        seen.add(func.name)
        for node in ast.walk(func):
            if isinstance(node, ast.Dict):
                for key, item in zip(node.keys, node.values):
                    power = power_of(item)
                    if isinstance(key, ast.Constant) and isinstance(key.value, str) and power:
                        suffixes["decimal" if power[0] == 10 else "binary"][key.value] = power[0] ** power[1]
            elif isinstance(node, ast.If):
                word = lowered_word(node.test)
                returned = node.body[0] if node.body else None
                if word and isinstance(returned, ast.Return) and returned.value is not None:
                    number = interp.eval(returned.value, module, {})
                    if isinstance(number, int) and not isinstance(number, bool):
                        words[word] = number
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                callee = interp.lookup(module, node.func.id)
                if isinstance(callee, FunctionRef):
                    read(callee.node, callee.module)

    read(value.node, value.module)
    if not suffixes["decimal"] and not suffixes["binary"]:
        return None
    return suffixes, (words or None)


def power_of(node: ast.expr) -> tuple[int, int] | None:
    """(base, exponent) of `10**3` or `2**10`."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, exponent = node.left, node.right
        if isinstance(base, ast.Constant) and base.value in (2, 10) and isinstance(exponent, ast.Constant):
            if isinstance(exponent.value, int):
                return base.value, exponent.value
    return None


def lowered_word(test: ast.expr) -> str | None:
    """The word of a `x.lower() == "word"` in a condition."""
    for node in ast.walk(test):
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
            left, right = node.left, node.comparators[0]
            is_lower = isinstance(left, ast.Call) and ast.unparse(left.func).endswith(".lower")
            if is_lower and isinstance(right, ast.Constant) and isinstance(right.value, str):
                return right.value
    return None


def action_kind(interp: Interpreter, action: Any) -> tuple[str, str | None]:
    """('store' | 'flag' | 'negatable' | 'append', action name) for an argparse `action=`."""
    if action is None:
        return "store", None
    if isinstance(action, str):
        if action in FLAG_ACTIONS:
            return "flag", action
        return ("append" if action.startswith("append") else "store"), action
    if isinstance(action, TypeVal) and action.name.endswith("BooleanOptionalAction"):
        return "negatable", "BooleanOptionalAction"
    name = None
    if isinstance(action, ClassRef):
        name = action.name
        init = interp.find_method(action, "__init__")
        if init is not None:
            # A custom action declaring `nargs=0` takes no value (SGLang's DeprecatedAction).
            params = init.node.args
            defaults = dict(zip([a.arg for a in params.args][-len(params.defaults) :], params.defaults))
            nargs = defaults.get("nargs")
            if isinstance(nargs, ast.Constant) and nargs.value == 0:
                return "flag", name
        if name.endswith("BooleanOptionalAction"):
            return "negatable", name
    elif isinstance(action, Unknown):
        name = action.name
    if name:
        # The class is not in the sources (SGLang main imports its actions from a file not copied):
        # judge by name, the way upstream names them.
        if "StoreTrue" in name or name == "DeprecatedAction":
            return "flag", name
        return "store", name
    return "store", None


DEPRECATED_HELP = re.compile(r"^\W*(deprecated|\[deprecated\]|note: --[\w-]+ is deprecated)", re.IGNORECASE)
REPLACEMENT_HELP = re.compile(r"\b(?:use|set|using)\s+`?--([a-z0-9][a-z0-9-]*)", re.IGNORECASE)


def build_flag(interp: Interpreter, args: list, kwargs: dict, notes: Notes) -> dict | None:
    names = [a for a in args if isinstance(a, str)]
    if any(isinstance(a, Unknown) for a in args):
        notes.add(str(names), "an option name was not resolved; skipped")
        return None
    long_names = [n for n in names if n.startswith("--")]
    if not long_names:
        return None  # positional argument (vLLM's model_tag): not a flag a preset sets
    primary = long_names[0]
    name = primary[2:]
    aliases = [n for n in names if n != primary]
    kind, action_name = action_kind(interp, kwargs.get("action"))

    flag: dict[str, Any] = {field: None for field in FIELDS}
    flag["name"] = name
    flag["aliases"] = aliases
    flag["is_flag"] = kind in ("flag", "negatable")
    flag["negation"] = f"no-{name}" if kind == "negatable" else None

    extras: dict[str, Any] = {}
    if flag["is_flag"]:
        flag["type"] = "bool"
    else:
        declared = kwargs.get("type")
        accepts_none = bool(kwargs.get("_accepts_none"))
        if isinstance(declared, AcceptsNone):
            declared, accepts_none = declared.inner, True
        if converter_name(declared) in NONE_CONVERTERS:
            accepts_none = True
        flag["type"] = type_name(declared) or "str"
        if isinstance(declared, Unknown) and not declared.name:
            notes.add(name, f"type not resolved ({declared.reason}); written as str")
        if flag["type"].startswith("human_readable_int"):
            conversion = int_conversion(interp, declared)
            if conversion is None:
                notes.add(name, f"{flag['type']}: its suffixes not found; written without them")
            else:
                if not isinstance(declared, FunctionRef):
                    notes.add(name, f"{flag['type']} not in the sources; its known suffixes written")
                extras["int_suffixes"] = conversion[0]
                if conversion[1]:
                    extras["int_words"] = conversion[1]
        transform = transform_of(declared)
        if transform:
            extras["transform"] = transform
        elif isinstance(declared, Lambda) or (isinstance(declared, TypeVal) and declared.name.startswith("str.")):
            notes.add(name, "type is a function of its own; written as str")
        if accepts_none:
            extras["accepts_none"] = True

    nargs = kwargs.get("nargs")
    flag["nargs"] = nargs if isinstance(nargs, (str, int)) and not flag["is_flag"] else None

    choices_enforced = "choices" in kwargs and kwargs["choices"] is not None
    choices_value = kwargs.get("choices", kwargs.get("_unenforced_choices"))
    if choices_value is None:
        flag["choices"] = None
    elif isinstance(choices_value, Unknown):
        notes.add(name, f"choices not resolved ({choices_value.reason}); written as null")
        flag["choices"] = None
        choices_enforced = False
    else:
        if isinstance(choices_value, dict):
            choices_value = list(choices_value.keys())
        if isinstance(choices_value, LiteralType):
            choices_value = choices_value.values
        flag["choices"] = [to_json(c, name, "a choice", notes) for c in choices_value]
        if not flag["choices"]:
            # A registry that plugins and decorators fill at import time reads as empty here.
            notes.add(name, "choices empty in the source (a registry filled at run time); written as null")
            flag["choices"] = None
            choices_enforced = False
    flag["choices_enforced"] = bool(choices_enforced and flag["choices"] is not None)

    if "default" in kwargs:
        flag["default"] = to_json(kwargs["default"], name, "default", notes)
    elif action_name in FLAG_ACTIONS and FLAG_ACTIONS[action_name] is not None:
        flag["default"] = FLAG_ACTIONS[action_name]  # store_true's implicit False
    elif kind == "flag" and action_name and "StoreTrue" in action_name:
        flag["default"] = False
    else:
        flag["default"] = None

    flag["range"] = kwargs.get("_range") or None

    help_text = kwargs.get("help") if isinstance(kwargs.get("help"), str) else ""
    new_flag = kwargs.get("new_flag")
    deprecated = (
        (action_name or "").startswith("Deprecated")
        or kwargs.get("deprecated") is True
        or bool(DEPRECATED_HELP.search(help_text))
    )
    if deprecated:
        replacement = None
        if isinstance(new_flag, str):
            replacement = new_flag.lstrip("-")
        else:
            match = REPLACEMENT_HELP.search(help_text)
            if match and match.group(1) != name:
                replacement = match.group(1)  # checked against the catalog's names in finish()
        flag["deprecated"] = {"replacement": replacement}
    flag.update(extras)
    return flag


def finish(flags: list[dict], notes: Notes) -> list[dict]:
    """Sorted by name, one record per name, deprecation replacements that name real flags."""
    by_name: dict[str, dict] = {}
    for flag in flags:
        if flag["name"] in by_name:
            notes.add(flag["name"], "declared twice; the first declaration kept")
            continue
        by_name[flag["name"]] = flag
    primary_of = {alias.lstrip("-"): flag["name"] for flag in by_name.values() for alias in flag["aliases"]}
    for flag in by_name.values():
        deprecated = flag["deprecated"]
        if deprecated and deprecated["replacement"] in primary_of:
            deprecated["replacement"] = primary_of[deprecated["replacement"]]  # name the flag, not its alias
        if deprecated and deprecated["replacement"] and deprecated["replacement"] not in by_name:
            notes.add(flag["name"], f"replacement --{deprecated['replacement']} is not a flag; written as null")
            deprecated["replacement"] = None
    return [by_name[name] for name in sorted(by_name)]


def catalog_json(runtime: str, version: str, source: dict, flags: list[dict]) -> str:
    document = {"runtime": runtime, "version": version, "source": source, "flags": flags}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def summary(flags: list[dict]) -> dict:
    return {
        "flags": len(flags),
        "on/off": sum(1 for f in flags if f["is_flag"]),
        "with choices": sum(1 for f in flags if f["choices"] is not None),
        "deprecated": sum(1 for f in flags if f["deprecated"]),
        "with range": sum(1 for f in flags if f["range"]),
    }
