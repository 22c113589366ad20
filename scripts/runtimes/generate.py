#!/usr/bin/env python3
"""Regenerates the runtime flag catalogs (runtimes/<runtime>/<version>.json) from upstream source folders.

    python3 scripts/runtimes/generate.py --sources ../shared/reference/runtime-sources --out runtimes

Reads the Python source with `ast` only: nothing of sglang or vllm is imported or run. Prints, per catalog,
its counts and what could not be resolved statically (written as null in the catalog).
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import catalog  # noqa: E402
import sglang_flags  # noqa: E402
import vllm_flags  # noqa: E402

# The pinned upstream commits, one per shipped catalog: the folder under --sources that holds each.
VERSIONS = [
    {
        "folder": "sglang-0.5.2",
        "runtime": "sglang",
        "version": "0.5.2",
        "source": {
            "repository": "sgl-project/sglang",
            "commit": "b0d25e72c401f37b55d689ddbf05b8c583afe854",
            "date": "2025-09-11",
        },
    },
    {
        "folder": "sglang-main-2026-06-09",
        "runtime": "sglang",
        "version": "main-2026-06-09",
        "source": {
            "repository": "sgl-project/sglang",
            "commit": "32bedbf88eb954359602a5117c919426c681359d",
            "date": "2026-06-09",
        },
    },
    {
        "folder": "vllm-0.10.0",
        "runtime": "vllm",
        "version": "0.10.0",
        "source": {
            "repository": "vllm-project/vllm",
            "commit": "5a19a6c6705fe83db2e3517a2d2f473586901743",
            "date": "2025-07-24",
        },
    },
    {
        "folder": "vllm-main-2026-05-29",
        "runtime": "vllm",
        "version": "main-2026-05-29",
        "source": {
            "repository": "vllm-project/vllm",
            "commit": "4ff865c38eac3c3602c064fd43b00836805cd0a4",
            "date": "2026-05-29",
        },
    },
]

EXTRACTORS = {"sglang": sglang_flags.extract, "vllm": vllm_flags.extract}


def render(entry: dict, sources: str) -> tuple[str, list[dict], catalog.Notes]:
    """The catalog text for one pinned version, its flags and the unresolved notes."""
    flags, notes = EXTRACTORS[entry["runtime"]](os.path.join(sources, entry["folder"]))
    return catalog.catalog_json(entry["runtime"], entry["version"], entry["source"], flags), flags, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", required=True, help="folder holding one sub-folder per pinned version")
    parser.add_argument("--out", required=True, help="the runtimes/ folder to write the catalogs into")
    parser.add_argument("--only", help="generate only this folder (e.g. vllm-0.10.0)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.sources):
        parser.error(f"--sources {args.sources}: no such folder")

    for entry in VERSIONS:
        if args.only and entry["folder"] != args.only:
            continue
        text, flags, notes = render(entry, args.sources)
        target = os.path.join(args.out, entry["runtime"], f"{entry['version']}.json")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        counts = ", ".join(f"{value} {key}" for key, value in catalog.summary(flags).items())
        print(f"{entry['runtime']} {entry['version']}: {counts}")
        if notes.items:
            print(f"  unresolved ({len(notes.items)}):")
            for item in notes.items:
                print(f"    {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
