"""Copying every table of the models, generic over ``db.metadata.sorted_tables``.

Rows are read through the models' column types (SQLite's 0/1 become booleans, its text
timestamps datetimes, its reals decimals) and written through the same types, so nothing
is converted by hand. Two things SQLite accepts and PostgreSQL refuses are dealt with here:
a row pointing at a later row of its own table (``user.supervisor_id``) is written without
that pointer first and gets it once the whole table is in; a NUL character in a text is
dropped (PostgreSQL text cannot hold it) and counted in the report.
"""
from dataclasses import dataclass

import sqlalchemy as sa

NUL = "\x00"


@dataclass
class TableCopy:
    name: str
    source_rows: int = 0
    target_rows: int = 0
    nul_removed: int = 0

    @property
    def verified(self) -> bool:
        return self.source_rows == self.target_rows


def copy_table(source, target, table: sa.Table, batch: int) -> TableCopy:
    """Copy all rows of ``table`` from the ``source`` connection to the ``target`` one, in
    primary-key order and batches of ``batch`` rows."""
    report = TableCopy(table.name)
    self_refs = [fk.parent for fk in table.foreign_keys if fk.column.table is table]
    texts = [c.name for c in table.columns if isinstance(c.type, sa.String)]
    pointers = []  # (primary key, {self-referencing column: value}) for the second pass
    result = source.execution_options(yield_per=batch).execute(
        sa.select(table).order_by(*table.primary_key.columns))
    for partition in result.mappings().partitions():
        rows = []
        for row in partition:
            row = dict(row)
            for name in texts:
                value = row[name]
                if value is not None and NUL in value:
                    row[name] = value.replace(NUL, "")
                    report.nul_removed += 1
            wanted = {c.name: row[c.name] for c in self_refs if row[c.name] is not None}
            if wanted:
                pointers.append(({c.name: row[c.name] for c in table.primary_key.columns}, wanted))
                row.update(dict.fromkeys(wanted))
            rows.append(row)
        target.execute(table.insert(), rows)
        report.source_rows += len(rows)
    _restore_pointers(target, table, pointers)
    return report


def _restore_pointers(target, table: sa.Table, pointers) -> None:
    """One executemany per set of pointer columns (psycopg pipelines it)."""
    groups = {}
    for key, values in pointers:
        groups.setdefault(tuple(sorted(values)), []).append(
            {**{f"key_{k}": v for k, v in key.items()}, **{f"new_{k}": v for k, v in values.items()}})
    for names, params in groups.items():
        statement = (table.update()
                     .where(*(c == sa.bindparam(f"key_{c.name}") for c in table.primary_key.columns))
                     .values({name: sa.bindparam(f"new_{name}") for name in names}))
        target.execute(statement, params)


def count_rows(connection, table: sa.Table) -> int:
    return connection.scalar(sa.select(sa.func.count()).select_from(table))
