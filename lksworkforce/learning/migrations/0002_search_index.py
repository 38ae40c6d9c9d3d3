"""The search index, per database: on SQLite an FTS5 table (porter stemming, so "searches" finds
"searching"), on PostgreSQL a weighted tsvector per resource (english configuration: title A,
provider and topics B, description C) with a GIN index. Both keep each resource's distinct words,
and one vocabulary table counts the resources each word is in: what misspellings are corrected to.
`learning.search_index` keeps them in step with the catalogue."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE = [
    'CREATE VIRTUAL TABLE learning_search_text USING fts5('
    'title, provider, topics, description, words UNINDEXED, tokenize = "porter unicode61")',
]
POSTGRESQL = [
    "CREATE TABLE learning_search_text ("
    "resource_id integer PRIMARY KEY, document tsvector NOT NULL, words text NOT NULL)",
    "CREATE INDEX learning_search_text_document ON learning_search_text USING gin (document)",
]
BOTH = ["CREATE TABLE learning_search_word (word varchar(40) PRIMARY KEY, documents integer NOT NULL)"]
DROP = ["DROP TABLE IF EXISTS learning_search_word", "DROP TABLE IF EXISTS learning_search_text"]


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor)
    if statements is None:
        message = f"Search supports SQLite and PostgreSQL, not {vendor}"
        raise RuntimeError(message)
    for sql in [*statements, *BOTH]:
        schema_editor.execute(sql)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for sql in DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
