from injectq import scoped, singleton


@scoped("request")
class Session:
    def __init__(self) -> None:
        pass


@singleton
class Cache:
    def __init__(self, session: Session) -> None:
        self.session = session
