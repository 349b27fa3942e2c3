"""What SQLite's text index (contacts/text_index.py) holds, for the tests
of erasure and retention."""

from django.db import connection, transaction

from contacts import text_index


def index_pages() -> dict[str, list]:
    """Every stored page of each index, its newest writes written out (the
    index keeps them in memory until a savepoint or the commit)."""
    transaction.savepoint_commit(transaction.savepoint())
    pages = {}
    with connection.cursor() as cursor:
        for table in text_index.INDEXED:
            index = text_index.index_table(table)
            cursor.execute(f"SELECT id, block FROM {index}_data ORDER BY id")  # noqa: S608
            pages[table] = cursor.fetchall()
    return pages


def index_holds_only_current_text() -> bool:
    """Whether each index is as a fresh index of what the tables hold now:
    no removed text is left marked as deleted in it. Rebuilt here, not by
    text_index.forget_removed_text, which is what the tests check."""
    now = index_pages()
    with connection.cursor() as cursor:
        for table in text_index.INDEXED:
            index = text_index.index_table(table)
            cursor.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")  # noqa: S608
    return now == index_pages()
