"""The learning pages' presenters (what pages show), one module per part."""
