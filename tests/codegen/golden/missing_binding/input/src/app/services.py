from injectq import singleton


class Repository:
    pass


@singleton
class Service:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
