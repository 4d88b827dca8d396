"""Dutch as the room writes it: characters, the lexicon, the lemmatiser that turns an answer into a
concept key, and the profanity filter. Data in data/nl/."""
