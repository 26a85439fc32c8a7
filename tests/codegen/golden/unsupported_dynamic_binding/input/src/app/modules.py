import os

from injectq import Module


class Handler:
    def __init__(self) -> None:
        pass


HANDLERS = {"a": Handler, "b": Handler}


class DynamicModule(Module):
    def configure(self) -> None:
        for name, cls in HANDLERS.items():
            self.bind(f"handler:{name}", cls)
        self.bind(HANDLERS["a"], Handler)
        self.bind(Handler, Handler, scope=os.environ["SCOPE"])
