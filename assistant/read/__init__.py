"""Reading the corpus: files → documents → structure → clean text with offsets → sentences with exact spans."""
