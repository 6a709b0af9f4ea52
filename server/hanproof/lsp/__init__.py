"""The language server: the only layer that imports pygls and lsprotocol.

* :mod:`.server` — the pygls server, handlers, checking (debounce, cancellation,
  versions, progress), push/pull diagnostics, hover, code actions, commands; ``run()``
  is what ``hanproof serve`` calls.
* :mod:`.documents` — open documents, incremental sync through ``LineIndex``.
* :mod:`.chunks` — incremental extraction (only the changed part is extracted again).
* :mod:`.convert` — findings → diagnostics, hover text, edits, suppression comments.
* :mod:`.settings` — configuration per document, the workspace word list, ``ignore``
  edits of the project file.
"""
