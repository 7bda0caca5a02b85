"""The detail of one stack, in its own region, around its whole nested tree."""
