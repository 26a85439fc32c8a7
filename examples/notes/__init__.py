"""Notes: a graph declared with class decorators and used through @inject functions."""
