"""The data files the Java side writes for the reference scripts: little-endian arrays, each checked against the
SHA-256 in the manifest before use."""
import hashlib
import os
import sys

import numpy as np


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load(directory, entry, dtype):
    """The file of a manifest entry as a flat array; stops the script if its SHA-256 differs."""
    path = os.path.join(directory, entry["file"])
    got = sha256(path)
    if got != entry["sha256"]:
        sys.exit("%s: SHA-256 %s, manifest says %s" % (path, got, entry["sha256"]))
    return np.fromfile(path, dtype=dtype)


def load_matrix(directory, entry, dtype):
    """As load, shaped by the entry's rows and cols (a vector when cols is 1)."""
    a = load(directory, entry, dtype)
    return a.reshape(entry["rows"], entry["cols"]) if entry["cols"] > 1 else a
