"""NLP: the spaCy pipeline, loaded once per process."""
