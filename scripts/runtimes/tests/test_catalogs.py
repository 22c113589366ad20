"""The checked-in catalogs: the facts upstream's source states (checked by hand), and that they are exactly
what the generator writes from the pinned sources, when those sources are beside the repository."""

import os
import sys
import unittest

from tests.helpers import CATALOGS, SOURCES, by_name, load_catalog

import generate


class KnownFacts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sglang_052 = by_name(load_catalog("sglang", "0.5.2")["flags"])
        cls.sglang_main = by_name(load_catalog("sglang", "main-2026-06-09")["flags"])
        cls.vllm_010 = by_name(load_catalog("vllm", "0.10.0")["flags"])
        cls.vllm_main = by_name(load_catalog("vllm", "main-2026-05-29")["flags"])

    def counts(self, flags):
        values = flags.values()
        return len(flags), sum(f["is_flag"] for f in values), sum(f["choices"] is not None for f in values)

    def test_flag_counts(self):
        self.assertEqual(self.counts(self.sglang_052), (210, 62, 31))
        self.assertEqual(self.counts(self.sglang_main), (406, 135, 65))
        self.assertEqual(len(self.vllm_main), 261)
        self.assertIn(len(self.vllm_010), (158, 159))
        self.assertEqual(sum(f["range"] is not None for f in self.vllm_main.values()), 22)

    def test_converters_beyond_int_and_str(self):
        length = self.vllm_main["max-model-len"]
        self.assertEqual((length["type"], length["int_words"]), ("human_readable_int_or_auto", {"auto": -1}))
        self.assertNotIn("t", self.vllm_010["max-model-len"]["int_suffixes"]["decimal"])  # 0.10.0 has no t/T
        self.assertIn("Ki", self.sglang_main["context-length"]["int_suffixes"]["binary"])
        self.assertEqual(self.vllm_main["moe-backend"]["transform"], [["lower"], ["replace", "-", "_"]])
        self.assertTrue(self.vllm_main["kv-cache-memory-bytes"]["accepts_none"])  # int | None
        self.assertNotIn("accepts_none", self.vllm_main["tensor-parallel-size"])

    def test_tensor_parallel_size(self):
        for flags, alias in (
            (self.sglang_052, "--tp-size"),
            (self.sglang_main, "--tp-size"),
            (self.vllm_010, "-tp"),
            (self.vllm_main, "-tp"),
        ):
            tp = flags["tensor-parallel-size"]
            self.assertEqual((tp["type"], tp["default"], tp["is_flag"]), ("int", 1, False))
            self.assertIn(alias, tp["aliases"])

    def test_schedule_policy_in_sglang_052(self):
        policy = self.sglang_052["schedule-policy"]
        self.assertEqual(policy["choices"], ["lpm", "random", "fcfs", "dfs-weight", "lof"])
        self.assertTrue(policy["choices_enforced"])
        self.assertEqual(policy["default"], "fcfs")

    def test_enable_mixed_chunk_is_an_off_by_default_switch(self):
        for flags in (self.sglang_052, self.sglang_main):
            chunk = flags["enable-mixed-chunk"]
            self.assertEqual((chunk["type"], chunk["is_flag"], chunk["default"]), ("bool", True, False))
            self.assertNotIn("enable-mixed-chunking", flags)
            self.assertNotIn("enable-chunked-prefill", flags)

    def test_mem_fraction_static_has_no_static_default(self):
        for flags in (self.sglang_052, self.sglang_main):
            memory = flags["mem-fraction-static"]
            self.assertEqual((memory["type"], memory["default"]), ("float", None))

    def test_gpu_memory_utilization_in_vllm_main(self):
        gpu = self.vllm_main["gpu-memory-utilization"]
        self.assertEqual((gpu["type"], gpu["default"], gpu["range"]), ("float", 0.92, {"gt": 0, "le": 1}))

    def test_enable_prefix_caching_is_negatable_and_unset(self):
        for flags in (self.vllm_010, self.vllm_main):
            caching = flags["enable-prefix-caching"]
            self.assertEqual(
                (caching["is_flag"], caching["negation"], caching["default"]),
                (True, "no-enable-prefix-caching", None),
            )

    def test_swap_space_was_removed_from_vllm_main(self):
        self.assertIn("swap-space", self.vllm_010)
        self.assertNotIn("swap-space", self.vllm_main)

    def test_quantization_accepts_none_in_vllm_only(self):
        for flags in (self.sglang_052, self.sglang_main):
            self.assertNotIn("None", flags["quantization"]["choices"])
            self.assertNotIn(None, flags["quantization"]["choices"])
            self.assertTrue(flags["quantization"]["choices_enforced"])
        for flags in (self.vllm_010, self.vllm_main):
            self.assertIn("None", flags["quantization"]["choices"])
            self.assertIn("fp8", flags["quantization"]["choices"])


class MatchesRegeneration(unittest.TestCase):
    def test_checked_in_catalogs_are_what_the_generator_writes(self):
        if not os.path.isdir(SOURCES):
            where = os.path.normpath(SOURCES)
            print(f"\n  notice: no runtime sources at {where}; regeneration check skipped", file=sys.stderr)
            self.skipTest("runtime sources not present")
        for entry in generate.VERSIONS:
            text = generate.render(entry, SOURCES)[0]
            path = os.path.join(CATALOGS, entry["runtime"], f"{entry['version']}.json")
            with open(path, encoding="utf-8") as handle:
                self.assertEqual(
                    handle.read(), text, f"{path} differs from a regeneration: run npm run catalogs"
                )


if __name__ == "__main__":
    unittest.main()
