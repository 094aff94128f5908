"""Quality measurement: public dev sets and the seed article, scored by the shared scorers."""

# dev set name -> (file under eval-data/, scorer task)
DEV_SETS: dict[str, tuple[str, str]] = {
    "conll2003": ("conll2003/dev.jsonl", "ner"),
    "re-docred": ("re-docred/dev.jsonl", "relations"),
    "dwie": ("dwie/dev.jsonl", "relations"),
    "muc4": ("muc4/dev.jsonl", "events"),
    "wikievents": ("wikievents/dev.jsonl", "events"),
}
SEED_SET = "seed"
# the annotated dev corpus of real documents (corpus/dev + gold/dev), scored by score_corpus.py
CORPUS_SET = "corpus"
