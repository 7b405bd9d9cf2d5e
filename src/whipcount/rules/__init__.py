"""What it takes to pass: thresholds as exact fractions of a basis, per constitution and motion.

Stable entry point used by the rest of whipcount::

    needed(rules_id, kind, seats=342, vacancies=1, on=date(2022, 4, 10))
    -> Needed(count=172, basis="total-membership", explanation="...")
"""

from whipcount.rules.threshold import Needed, needed

__all__ = ["Needed", "needed"]
