"""What words and questions say, from general English only: stems, word rarity, abbreviations, question shapes, coverage of a question's terms, sentence roles, follow-ups."""
