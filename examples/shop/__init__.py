"""A small shop written the way the performance guide writes applications."""
