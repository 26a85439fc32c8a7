from injectq import singleton


@singleton
class Broken:
    def __init__(self, x: int = ) -> None:
        pass
