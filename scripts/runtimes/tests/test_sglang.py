"""SGLang styles on small fixtures: add_argument calls in ServerArgs.add_cli_args, and annotated fields."""

import os
import unittest

from tests.helpers import FIXTURES, by_name

import sglang_flags


class AddArgumentStyle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        flags, cls.notes = sglang_flags.extract(os.path.join(FIXTURES, "sglang-argparse"))
        cls.flags = by_name(flags)
        cls.order = [f["name"] for f in flags]

    def test_primary_name_is_the_first_long_option_and_the_rest_are_aliases(self):
        self.assertEqual(self.flags["tensor-parallel-size"]["aliases"], ["--tp-size"])
        self.assertEqual(self.flags["model-path"]["aliases"], ["--model"])
        self.assertNotIn("tp-size", self.flags)

    def test_defaults_come_from_the_dataclass_fields(self):
        self.assertEqual(self.flags["tensor-parallel-size"]["default"], 1)
        self.assertEqual(self.flags["tensor-parallel-size"]["type"], "int")
        self.assertIsNone(self.flags["mem-fraction"]["default"])
        self.assertEqual(self.flags["limit"]["default"], 9223372036854775807)  # sys.maxsize
        self.assertEqual(self.flags["sizes"]["default"], [])  # field(default_factory=list)
        self.assertEqual(self.flags["buckets"]["default"], [0.5, 1.0])  # a lambda factory
        self.assertEqual(self.flags["backend"]["default"], "triton")  # BACKEND_CHOICES[0], from another module

    def test_choices_inline_and_defined_elsewhere(self):
        self.assertEqual(self.flags["policy"]["choices"], ["lpm", "fcfs"])
        self.assertTrue(self.flags["policy"]["choices_enforced"])
        self.assertEqual(self.flags["backend"]["choices"], ["triton", "flashinfer", "extra"])
        self.assertEqual(self.flags["mode"]["choices"], ["fast", "safe"])  # an enum comprehension
        self.assertEqual(self.flags["parser"]["choices"], ["alpha", "beta"])  # keys of a class's dict

    def test_unresolvable_choices_are_null_and_reported(self):
        self.assertIsNone(self.flags["plugin"]["choices"])
        self.assertFalse(self.flags["plugin"]["choices_enforced"])
        self.assertTrue(any(item.startswith("plugin: choices not resolved") for item in self.notes.items))
        # A registry that is empty until run time is not "no value allowed".
        self.assertIsNone(self.flags["registered"]["choices"])
        self.assertFalse(self.flags["registered"]["choices_enforced"])

    def test_on_off_flags(self):
        mixed = self.flags["enable-mixed"]
        self.assertEqual((mixed["type"], mixed["is_flag"], mixed["default"], mixed["negation"]), ("bool", True, False, None))
        # store_true over a field that defaults to None: unset means "decided at start-up", not off.
        self.assertIsNone(self.flags["enable-auto"]["default"])
        shared = self.flags["shared"]
        self.assertEqual((shared["is_flag"], shared["negation"]), (True, "no-shared"))

    def test_nargs_and_types(self):
        self.assertEqual(self.flags["sizes"]["nargs"], "+")
        self.assertEqual(self.flags["buckets"]["nargs"], "*")
        self.assertEqual(self.flags["json-arg"]["type"], "json")

    def test_converters_beyond_the_builtin_types(self):
        dtype = self.flags["dtype"]  # type=str.lower: the choices are compared lower-cased
        self.assertEqual((dtype["type"], dtype["transform"], dtype["choices"]), ("str", [["lower"]], ["auto", "fp8"]))
        path = self.flags["param-path"]  # type=nullable_str: "None" is None
        self.assertEqual((path["type"], path["accepts_none"]), ("str", True))
        length = self.flags["context-length"]
        self.assertEqual(
            (length["type"], length["int_suffixes"]),
            ("human_readable_int", {"decimal": {"k": 1000, "M": 1000000}, "binary": {"Ki": 1024, "Mi": 1048576}}),
        )
        for plain in ("tensor-parallel-size", "policy", "json-arg"):
            self.assertFalse({"transform", "accepts_none", "int_suffixes"} & set(self.flags[plain]), plain)

    def test_deprecated_flags_with_their_replacements(self):
        # Help text marks it; __post_init__'s warning names the replacement (an alias, resolved to the flag).
        self.assertEqual(self.flags["old-moe"]["deprecated"], {"replacement": "tensor-parallel-size"})
        # A custom action with nargs=0 takes no value; its help names the replacement.
        self.assertTrue(self.flags["old-ratio"]["is_flag"])
        self.assertEqual(self.flags["old-ratio"]["deprecated"], {"replacement": "mem-fraction"})
        # An action class not in the sources, with new_flag=.
        self.assertEqual(self.flags["old-backend"]["deprecated"], {"replacement": "backend"})
        self.assertFalse(self.flags["old-backend"]["is_flag"])
        self.assertIsNone(self.flags["old-backend"]["default"])  # argparse.SUPPRESS
        self.assertIsNone(self.flags["policy"]["deprecated"])

    def test_sorted_by_name(self):
        self.assertEqual(self.order, sorted(self.order))


class AnnotatedStyle(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        flags, cls.notes = sglang_flags.extract(os.path.join(FIXTURES, "sglang-annotated"))
        cls.flags = by_name(flags)

    def test_fields_declaring_an_arg_become_flags_and_others_do_not(self):
        self.assertEqual(
            sorted(self.flags),
            ["attention-backend", "cuda-graph-bs", "enable-mixed-chunk", "old-flag", "tensor-parallel-size"],
        )

    def test_name_aliases_type_and_default(self):
        tp = self.flags["tensor-parallel-size"]
        self.assertEqual((tp["aliases"], tp["type"], tp["default"]), (["--tp-size"], "int", 1))

    def test_choices_from_a_constant(self):
        self.assertEqual(self.flags["attention-backend"]["choices"], ["fa3", "triton"])
        self.assertTrue(self.flags["attention-backend"]["choices_enforced"])

    def test_bool_fields_are_on_off_and_lists_take_several_values(self):
        self.assertTrue(self.flags["enable-mixed-chunk"]["is_flag"])
        self.assertEqual(self.flags["enable-mixed-chunk"]["default"], False)
        self.assertEqual((self.flags["cuda-graph-bs"]["type"], self.flags["cuda-graph-bs"]["nargs"]), ("int", "+"))
        self.assertEqual(self.flags["old-flag"]["deprecated"], {"replacement": None})


if __name__ == "__main__":
    unittest.main()
