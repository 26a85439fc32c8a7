from injectq import singleton, transient


class wire:
    def __init__(self) -> None:
        pass


@singleton
class Lock:
    def __init__(self, w: wire) -> None:
        self.w = w


@transient
class Any:
    def __init__(self, lock: Lock) -> None:
        self.lock = lock


@singleton
class Container:
    def __init__(self, any: Any, cls: "wire") -> None:
        self.any = any
