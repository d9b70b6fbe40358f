"""Judging: the question read as a claim, the learned claim–evidence judge, general-English stance rules, and the verdict over sources."""
