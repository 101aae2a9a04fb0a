"""Print the API's OpenAPI document (JSON) without starting a server or opening a database.

    python tools/dump_openapi.py > frontend/openapi.json

``create_app`` builds the routes only; the store is opened in the lifespan, which never runs
here. The web interface's TypeScript types are generated from this document
(``make api-types``), and ``make test`` checks that the committed copies still match the API.
"""

from __future__ import annotations

import json
import sys

from api.main import create_app


def main() -> None:
    document = create_app().openapi()
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
