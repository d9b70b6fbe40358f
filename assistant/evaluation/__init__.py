"""Evaluation: question sets, metrics, runs over the public sets, the report."""
