"""Fast validators generated from the schemas (see strategykit/schemagen.py); one module per schema."""

from importlib import import_module

MODULES = {'goals.schema.json': 'goals', 'consultation.schema.json': 'consultation', 'dialogue.schema.json': 'dialogue', 'editions.schema.json': 'editions'}


def is_valid(schema_name: str, data) -> bool | None:
    """Whether ``data`` passes the named schema; None when no fast validator exists for it."""
    module = MODULES.get(schema_name)
    if module is None:
        return None
    return import_module(f"{__name__}.{module}").is_valid(data)
