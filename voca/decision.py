"""An access decision with its reason: what a permission function answers.

``Decision(allowed, reason)`` is truthy when allowed, so ``if can_x(user, obj):`` reads as before,
and unpacks as ``allowed, reason = can_x(user, obj)``. The reason of a refusal is the sentence the
person is shown (the button's note, the refused page); an allowed decision may say why, or nothing.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def __iter__(self):
        return iter((self.allowed, self.reason))

    @classmethod
    def allow(cls, reason: str = "") -> "Decision":
        return cls(True, reason)

    @classmethod
    def refuse(cls, reason: str) -> "Decision":
        return cls(False, reason)


ALLOWED = Decision.allow()
