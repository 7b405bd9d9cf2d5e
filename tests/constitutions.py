"""The own constitution the tests write: "My Parliament" of 101 seats (the minimal file of
whipcount.io.constitution's docs), whose no-confidence motion needs 3/5 of the total membership under
Art. 12(3); each test adds the fields of that motion it exercises."""

from __future__ import annotations


def my_parliament(*motion_fields: str, seats: str = "101", more: str = "") -> str:
    """The file's text: ``motion_fields`` are further lines of the no-confidence motion (``"effect: ..."``),
    ``seats`` the seats field's value, ``more`` further lines of the ``motions`` list."""
    lines = [
        "id: my-parliament",
        "name: My Parliament",
        "country: Somewhere",
        f"seats: {seats}",
        "motions:",
        "  - kind: no-confidence",
        '    threshold: {basis: total, fraction: "3/5", strict: false}',
        '    source: {article: "Art. 12(3)", url: "https://example.org/constitution#12"}',
        *(f"    {field}" for field in motion_fields),
    ]
    return "\n".join(lines) + "\n" + more


def one_party_case(rules: str) -> str:
    """A scenario of My Parliament's 101 seats, one party holding them all, whose chamber reads its rules from
    ``rules`` (a file name, a profile id, or a quoted path) and whose no-confidence vote is on 10 February."""
    return ("chamber: {name: My Parliament, rules: " + rules + ", seats: 101, as_of: 2024-01-01}\n"
            "parties:\n"
            "  - {id: red, name: Red Party, seats: 101, side: government}\n"
            "motion: {kind: no-confidence, vote: 2024-02-10}\n")


def ten_two_vacant_case(kind: str) -> str:
    """A scenario of a chamber of 10 seats with 2 vacant (Red 5 in government, Blue 3 in opposition), whose
    rules are ``rules.yaml`` beside it and whose motion of ``kind`` is voted on 10 February 2024."""
    return ("chamber: {name: Chamber of Ten, rules: rules.yaml, seats: 10, vacancies: 2, as_of: 2024-01-01}\n"
            "parties:\n"
            "  - {id: red, name: Red Party, seats: 5, side: government}\n"
            "  - {id: blue, name: Blue Party, seats: 3, side: opposition}\n"
            "motion: {kind: " + kind + ", target: Someone, vote: 2024-02-10}\n")
