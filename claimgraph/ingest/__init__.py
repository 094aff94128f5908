"""Ingest: reading txt, md, html, pdf, docx, JSONL batches, URLs and stdin into documents."""
