from injectq import inject, resource, singleton


class Pool:
    pass


@resource("transient")
async def make_pool() -> Pool:
    return Pool()


@singleton
class Repo:
    def __init__(self, pool: Pool) -> None:
        self.pool = pool


@inject
def handler(repo: Repo) -> None:
    pass
