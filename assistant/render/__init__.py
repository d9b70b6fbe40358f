"""Presentation: terminal text, HTML (answers, whole-source and printed-page views) and Markdown; one 'sides of an answer' helper for all."""
