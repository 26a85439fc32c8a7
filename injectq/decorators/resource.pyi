# What type checkers see at 0.5's import path; at run time it is an alias of ._resource.
from ._resource import *  # noqa: F403
