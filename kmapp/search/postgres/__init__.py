"""The PostgreSQL search backend (SEARCH_BACKEND = "postgres"): for deployments with several
app servers, where a folder on one machine's disk cannot be the index.

Same analysis as Whoosh (the Indonesian analyser with Sastrawi stems, run in Python) stored
as a ``tsvector`` in the table ``search_document``; the query language is Whoosh's parser,
translated to a ``tsquery``; snippets come from the portal's own snippet code. Documents are
written inside the transaction of the change (see :mod:`.syncing`), so every app server sees
a change the moment it commits.
"""
