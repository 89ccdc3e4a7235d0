"""Converters: public datasets turned into rows ``onrecord ingest`` reads (``onrecord convert``).

They run before the flow, not in it, so they may use what the later stages know (the country lexicon
of ``attribution``) without any stage importing a later one.
"""
