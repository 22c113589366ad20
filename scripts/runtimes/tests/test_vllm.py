"""vLLM style on a small fixture: get_kwargs over config dataclasses, EngineArgs and the OpenAI cli_args."""

import os
import shutil
import tempfile
import unittest

from tests.helpers import FIXTURES, by_name

import vllm_flags

FIXTURE = os.path.join(FIXTURES, "vllm-config")


class ConfigDataclasses(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        flags, cls.notes = vllm_flags.extract(FIXTURE)
        cls.flags = by_name(flags)

    def test_short_aliases(self):
        self.assertEqual(self.flags["tensor-parallel-size"]["aliases"], ["-tp"])
        self.assertEqual(self.flags["quantization"]["aliases"], ["-q"])
        self.assertEqual(self.flags["api-server-count"]["aliases"], ["-asc"])

    def test_positional_arguments_are_not_flags(self):
        self.assertNotIn("model_tag", self.flags)
        self.assertNotIn("model-tag", self.flags)

    def test_field_ranges_and_defaults(self):
        gpu = self.flags["gpu-memory-utilization"]
        self.assertEqual((gpu["type"], gpu["default"], gpu["range"]), ("float", 0.92, {"gt": 0, "le": 1}))
        # A field inherited from a base class, with a range.
        self.assertEqual(self.flags["tensor-parallel-size"]["range"], {"ge": 1})
        self.assertEqual(self.flags["block-size"]["range"], {"gt": 0})
        self.assertIsNone(self.flags["block-size"]["default"])

    def test_literal_alias_gives_sorted_enforced_choices(self):
        kv = self.flags["kv-cache-dtype"]
        self.assertEqual((kv["choices"], kv["choices_enforced"], kv["default"]), (["auto", "bfloat16", "fp8"], True, "auto"))

    def test_literal_with_str_is_not_enforced_and_optional_accepts_none(self):
        backend = self.flags["distributed-backend"]
        self.assertEqual(backend["choices"], ["mp", "ray", "None"])
        self.assertFalse(backend["choices_enforced"])

    def test_type_checking_only_literal_names_values_argparse_does_not_check(self):
        q = self.flags["quantization"]
        self.assertEqual((q["choices"], q["choices_enforced"]), (["awq", "fp8", "gptq", "None"], False))

    def test_bool_fields_are_negatable(self):
        caching = self.flags["enable-prefix-caching"]
        self.assertEqual((caching["is_flag"], caching["negation"]), (True, "no-enable-prefix-caching"))
        self.assertIsNone(caching["default"])  # the {**kwargs, "default": None} override
        self.assertEqual(self.flags["disable-log-stats"]["negation"], None)

    def test_collections(self):
        self.assertEqual((self.flags["hash-algos"]["nargs"], self.flags["hash-algos"]["choices"]), ("+", ["sha256", "xxhash"]))
        self.assertEqual((self.flags["pair"]["nargs"], self.flags["pair"]["type"]), (2, "int"))
        sizes = self.flags["sizes"]
        self.assertEqual((sizes["nargs"], sizes["type"], sizes["default"]), ("+", "int", [8, 16]))
        self.assertEqual((self.flags["skip-layers"]["nargs"], self.flags["skip-layers"]["default"]), ("+", []))

    def test_optional_value_flag(self):
        token = self.flags["hf-token"]
        self.assertEqual((token["type"], token["nargs"], token["is_flag"]), ("str", "?", False))

    def test_dataclass_fields_take_json_and_their_object_default_is_null(self):
        self.assertEqual(self.flags["compilation-config"]["type"], "json")
        self.assertIsNone(self.flags["compilation-config"]["default"])
        self.assertTrue(any(item.startswith("compilation-config: default") for item in self.notes.items))

    def test_frontend_args_and_their_customisation(self):
        self.assertEqual(self.flags["port"]["default"], 8000)
        self.assertEqual(self.flags["uvicorn-log-level"]["choices"], ["debug", "info"])
        origins = self.flags["allowed-origins"]
        self.assertEqual((origins["type"], origins["nargs"]), ("json", None))  # type replaced, nargs deleted
        self.assertIsNone(self.flags["tool-call-parser"]["choices"])  # a registry not in the sources

    def test_engine_args_after_kwargs_edits(self):
        policy = self.flags["scheduling-policy"]
        self.assertEqual((policy["type"], policy["choices"]), ("str", ["fcfs", "priority"]))
        self.assertEqual(policy["transform"], [["lower"]])
        self.assertEqual(self.flags["max-num-seqs"]["type"], "int")
        self.assertEqual(self.flags["old-swap"]["deprecated"], {"replacement": None})
        self.assertEqual(self.flags["enable-log-requests"]["negation"], "no-enable-log-requests")


    def test_human_readable_ints_by_field_name_with_their_suffixes(self):
        suffixes = {"decimal": {"k": 1000, "m": 1000000}, "binary": {"K": 1024, "M": 1048576}}
        length = self.flags["max-model-len"]
        self.assertEqual(
            (length["type"], length["int_suffixes"], length["int_words"]),
            ("human_readable_int_or_auto", suffixes, {"auto": -1}),
        )
        tokens = self.flags["max-num-batched-tokens"]
        self.assertEqual((tokens["type"], tokens["int_suffixes"]), ("human_readable_int", suffixes))
        self.assertNotIn("int_words", tokens)
        self.assertEqual(self.flags["max-num-seqs"]["type"], "int")
        self.assertNotIn("int_suffixes", self.flags["max-num-seqs"])

    def test_normalising_lambdas_record_their_str_methods(self):
        kernel = self.flags["kernel"]
        self.assertEqual((kernel["type"], kernel["transform"]), ("str", [["lower"], ["replace", "-", "_"]]))
        # A lambda calling anything else is not guessed at, and is reported.
        self.assertNotIn("transform", self.flags["runner"])
        self.assertIn("runner: type is a function of its own; written as str", self.notes.items)

    def test_optional_types_accept_none(self):
        self.assertTrue(self.flags["max-num-seqs"]["accepts_none"])  # int | None
        self.assertTrue(self.flags["max-num-batched-tokens"]["accepts_none"])
        self.assertTrue(self.flags["spec-config"]["accepts_none"])  # type=optional_type(json.loads)
        self.assertEqual(self.flags["spec-config"]["type"], "json")
        self.assertNotIn("accepts_none", self.flags["port"])
        self.assertNotIn("accepts_none", self.flags["max-model-len"])  # int, not int | None
        self.assertNotIn("accepts_none", self.flags["enable-prefix-caching"])


class MissingConverterDefinition(unittest.TestCase):
    """vLLM main imports its human-readable ints from a file not among the sources: the known tables stand in."""

    def test_known_suffixes_when_the_definition_is_absent(self):
        folder = tempfile.mkdtemp()
        try:
            copy = os.path.join(folder, "vllm-main")
            shutil.copytree(FIXTURE, copy)
            os.remove(os.path.join(copy, "vllm", "utils", "numbers.py"))
            flags, notes = vllm_flags.extract(copy)
            length = by_name(flags)["max-model-len"]
            self.assertEqual(length["int_suffixes"]["decimal"], {"k": 1000, "m": 10**6, "g": 10**9, "t": 10**12})
            self.assertEqual(length["int_suffixes"]["binary"], {"K": 1024, "M": 2**20, "G": 2**30, "T": 2**40})
            self.assertEqual(length["int_words"], {"auto": -1})
            self.assertIn("max-model-len: human_readable_int_or_auto not in the sources; its known suffixes written", notes.items)
        finally:
            shutil.rmtree(folder)


class OlderGetKwargs(unittest.TestCase):
    """Without the newer get_kwargs markers (0.10.0), a Literal with str still gives enforced choices."""

    def test_literal_with_str_is_enforced(self):
        folder = tempfile.mkdtemp()
        try:
            copy = os.path.join(folder, "vllm-old")
            shutil.copytree(FIXTURE, copy)
            path = os.path.join(copy, "vllm", "engine", "arg_utils.py")
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            text = text.replace('"metavar" if contains_type(type_hints, str) else ', "")
            text = text.replace("type_hints == {bool, str, type(None)}", "False")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            flags = by_name(vllm_flags.extract(copy)[0])
            self.assertTrue(flags["distributed-backend"]["choices_enforced"])
            self.assertEqual(flags["hf-token"]["nargs"], None)
            self.assertTrue(flags["hf-token"]["is_flag"])  # bool | str | None is an on/off flag there
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    unittest.main()
