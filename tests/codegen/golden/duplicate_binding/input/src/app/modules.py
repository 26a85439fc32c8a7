from injectq import Module

from .services import Clock


class AppModule(Module):
    def configure(self) -> None:
        self.bind(Clock, Clock).transient()
