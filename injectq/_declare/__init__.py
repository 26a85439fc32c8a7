"""What users write: markers, class decorators, modules, resources and typing helpers.

This is also the contract of the static reader of ``injectq-gen``: it recognises these names
in source text without importing them.
"""
