"""Shared paths and loaders for the catalog generator's tests."""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(GENERATOR))
FIXTURES = os.path.join(HERE, "fixtures")
CATALOGS = os.path.join(REPO, "runtimes")
# The documented input folder, beside the repository; RUNTIME_SOURCES points elsewhere when needed.
SOURCES = os.environ.get("RUNTIME_SOURCES") or os.path.join(REPO, "..", "shared", "reference", "runtime-sources")

if GENERATOR not in sys.path:
    sys.path.insert(0, GENERATOR)


def by_name(flags):
    return {flag["name"]: flag for flag in flags}


def load_catalog(runtime, version):
    with open(os.path.join(CATALOGS, runtime, f"{version}.json"), encoding="utf-8") as handle:
        return json.load(handle)
