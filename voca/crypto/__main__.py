"""`python -m voca.crypto` prints a new key (no settings needed)."""

from .keys import new_key

print(new_key())
