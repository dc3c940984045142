"""Vietnamese speech for commune radio: the text normaliser and the pluggable backends."""
