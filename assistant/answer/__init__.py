"""Answering: retrieval, choosing the sentences each source is quoted by, and composing the answer."""
