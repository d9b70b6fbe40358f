"""The index: embeddings, FAISS and BM25 indexes, building with reuse, the build store (pointer, manifest, staleness), the loaded index and its checks."""
