"""Exports: every format shares one write()/finalize() protocol."""
