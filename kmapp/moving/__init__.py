"""Moving a SQLite portal to PostgreSQL (`flask --app kmapp move-to-postgres`).

The target gets its schema from the migrations (so its ``alembic_version`` is right), then
every table of the models is copied in foreign-key order in one transaction, the sequences
are advanced past the copied ids, the search tables are rebuilt from the copied rows, and
the uploads are copied and verified. A run that fails leaves the target without rows (the
copy rolls back as a whole), so it can simply be run again.
"""
