"""Drives the shop's web app through FastAPI's TestClient and prints every response.

Run as a module (``python -m tests.integrations.shop_web_session``) in either container mode;
``test_shop_web.py`` compares the two printouts and runs the generated mode with reflection
forbidden.
"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from examples.shop.web import create_app


def main() -> None:
    with TestClient(create_app()) as client:
        for name, item, total in (("ada", "keyboard", 120.0), ("grace", "compiler", 80.5)):
            order = {"name": name, "item": item, "total": total}
            print(json.dumps(client.post("/orders", json=order).json(), sort_keys=True))
        print(json.dumps(client.get("/report").json()))
        with client.websocket_connect("/customers") as ws:
            for name in ("linus", "guido"):
                ws.send_text(name)
                print(ws.receive_text())
        for line in client.get("/events").json():
            print(line)


if __name__ == "__main__":
    main()
