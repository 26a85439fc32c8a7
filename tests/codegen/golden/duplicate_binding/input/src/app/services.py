from injectq import singleton


@singleton
class Clock:
    def __init__(self) -> None:
        pass
