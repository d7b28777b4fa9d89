"""What the commands print on stdout: one JSON object (``--json``) or ``key: value`` lines."""
from __future__ import annotations

import json
from typing import Any


def emit(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, sort_keys=True))
    else:
        for k, v in data.items():
            print(f"{k}: {v}")
