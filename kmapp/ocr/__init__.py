"""Recognising the text of scanned PDFs and pictures (Tesseract, Indonesian and English),
in the background: `jobs` queues and runs the `ocr` job, `tesseract` drives one page,
`pages` finds the pages that need it."""
