"""The learning pages' forms, one module per part."""
