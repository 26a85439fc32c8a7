# What type checkers see at 0.5's import path; at run time it is an alias of ._singleton.
from ._singleton import *  # noqa: F403
