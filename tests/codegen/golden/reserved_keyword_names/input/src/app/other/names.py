from injectq import singleton


@singleton
class Lock:
    def __init__(self) -> None:
        pass
