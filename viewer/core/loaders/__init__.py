"""One reader per file format, each turning raw bytes into article text or a `LoadError`.

Every reader takes the bytes already read (never a path, so no reader can open, write or
fetch anything itself) and the name to show in messages. `viewer.core.loading` picks one by
sniffing the content and the file's extension.
"""
