"""The runtime container: keys, introspection, registry, plans, compiled resolvers, scopes,
overrides, ``@inject`` and the generated-container base.
"""
