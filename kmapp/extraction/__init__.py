"""Reading the text out of uploaded files: per-format readers, a sandboxed child process with
time, CPU and memory limits, and the background job that stores the text for search.

It serves search but belongs to files: search only consumes the stored text."""
