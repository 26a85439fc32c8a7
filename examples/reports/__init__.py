"""Reports: 0.5-style binder modules, providers, named bindings, Lazy and a startup input."""
