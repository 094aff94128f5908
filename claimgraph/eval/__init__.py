"""Quality measurement: public dev sets and the seed article, scored by the shared scorers."""
