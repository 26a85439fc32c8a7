from injectq import singleton


@singleton
class Database:
    def __init__(self, db_url: str) -> None:
        self.url = db_url
