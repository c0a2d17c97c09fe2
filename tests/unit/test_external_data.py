"""External data ships with its source, version, licence and checksum, and matches them."""

from __future__ import annotations

import yaml

from wud_briefings.core.checksums import sha256_file
from wud_briefings.core.paths import PROJECT_ROOT

EXTERNAL = PROJECT_ROOT / "data" / "external"


def test_every_external_file_matches_its_recorded_checksum():
    records = sorted(EXTERNAL.glob("*/source.yaml"))
    assert records, "data/external/ has no source.yaml"
    for record_path in records:
        record = yaml.safe_load(record_path.read_text(encoding="utf-8"))
        for field in ("file", "sha256", "natural_earth_version", "natural_earth_licence"):
            assert record.get(field), f"{record_path}: no {field}"
        assert sha256_file(record_path.parent / record["file"]) == record["sha256"]
