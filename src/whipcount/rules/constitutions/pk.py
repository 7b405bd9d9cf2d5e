"""Pakistan: the National Assembly (Arts. 91, 95) and the four Provincial Assemblies (Arts. 130, 136).

The threshold is a majority of the *total membership*: vacancies and absences do not lower it
(172 of 342 applied in April 2022 with one seat vacant). On a no-confidence resolution only its
supporters are recorded. Votes cast against the party's direction (Art. 63A) were counted until the
Supreme Court's opinion of 17 May 2022, not counted from then, and counted again from its review
judgment of 3 October 2024.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.core import (
    Bar,
    Constitution,
    DefectionPeriod,
    LegalSource,
    MotionRule,
    Movers,
    Runoff,
    SeatPeriod,
    Threshold,
    Window,
)

CONSTITUTION = "Constitution of Pakistan"
FED_GOV = "https://www.pakistani.org/pakistan/constitution/part3.ch3.html"
PARLIAMENT = "https://www.pakistani.org/pakistan/constitution/part3.ch2.html"
PROV_GOV = "https://www.pakistani.org/pakistan/constitution/part4.ch3.html"
ART95 = "https://www.infopakistan.pk/constitution-of-pakistan/article/95-Vote-of-noconfidence-against-Prime-Minister"
ART95_1 = ("A resolution for a vote of no-confidence moved by not less than twenty per centum of the total "
           "membership of the National Assembly may be passed against the Prime Minister by the National Assembly.")
DAWN_68 = "https://asiantelegraphqatar.com/current-affairs/pakistan-opposition-submits-no-trust-motion-against-pm-imran-khan/"
ART106 = "https://www.infopakistan.pk/constitution-of-pakistan/article/106-Constitution-of-Provincial-Assemblies"

OPINION_63A = dt.date(2022, 5, 17)
REVIEW_63A = dt.date(2024, 10, 3)

DEFECTION: tuple[DefectionPeriod, ...] = (
    DefectionPeriod(
        None, OPINION_63A, True,
        LegalSource("Art. 63A", PARLIAMENT, CONSTITUTION),
        "the vote counts; the Party Head may declare the member a defector, and the seat falls vacant "
        "once the Election Commission confirms it",
    ),
    DefectionPeriod(
        OPINION_63A, REVIEW_63A, False,
        LegalSource(
            "Supreme Court opinion on Art. 63A (Presidential Reference No. 1 of 2022), 17 May 2022",
            "https://nation.com.pk/08-Jul-2022/article-63-a-of-the-constitution-is-a-complete-code-two-sc-judges-write-in-dissent",
        ),
        "by 3 to 2, a vote cast contrary to the parliamentary party's direction cannot be counted",
    ),
    DefectionPeriod(
        REVIEW_63A, None, True,
        LegalSource(
            "Supreme Court review judgment on Art. 63A (C.R.P. 197 of 2022), 3 October 2024",
            "https://thenewstoday.com.pk/scp-accepts-review-on-article-63-a-grants-immunity-to-dissident-votes/",
        ),
        "the 2022 opinion set aside unanimously; votes against the party's direction count again",
    ),
)

DISSOLUTION_BAR = Bar(
    "the Prime Minister may not advise a dissolution while a notice of a no-confidence resolution is "
    "pending or after one has passed",
    "pending",
    LegalSource("Art. 58(1), Explanation", PARLIAMENT, CONSTITUTION),
)


# Art. 91(4) and Art. 130(4) share their second proviso word for word: "if the number of votes secured by two or
# more members securing the highest number of votes is equal, further polls shall be held between them until one
# of them secures a majority of votes of the members present and voting"
FURTHER_POLLS = ("further polls between tied leaders until one has a majority of those present and voting "
                 "(second proviso)")


def _majority_of_total(where: LegalSource, example: str = "") -> Threshold:
    """A majority of the total membership, as the article ``where`` words it: vacant seats count."""
    return Threshold("total", Fraction(1, 2), strict=True, basis_source=where,
                     basis_note="'the total membership': vacant seats count" + (f" ({example})" if example else ""))


def _na_example(day: str) -> str:
    """The bar as it stood at a vote of April 2022, ``day`` being the day of that motion's own vote."""
    return f"172 of 342 on {day} 2022 with NA-33 Hangu vacant"


def _provincial(cid: str, province: str, seats: tuple[SeatPeriod, ...]) -> Constitution:
    art136 = LegalSource("Art. 136(4)", PROV_GOV, CONSTITUTION)
    return Constitution(
        id=cid,
        name=f"Provincial Assembly of {province}",
        country="Pakistan",
        seats=seats,
        note="Art. 136 mirrors Art. 95 for the Chief Minister; Art. 130(4) mirrors Art. 91(4) for the election.",
        sources=(LegalSource("Art. 106(1)", ART106, CONSTITUTION),),
        motions=(
            MotionRule(
                kind="no-confidence",
                title="Resolution for a vote of no-confidence against the Chief Minister",
                threshold=_majority_of_total(art136),
                source=art136,
                effect="the Chief Minister ceases to hold office",
                effect_fail="the resolution fails; the Chief Minister stays in office",
                movers=Movers(Fraction(1, 5), source=LegalSource("Art. 136(1)", PROV_GOV, CONSTITUTION)),
                window=Window(3, 7, "motion-moved", LegalSource("Art. 136(2)", PROV_GOV, CONSTITUTION)),
                bars=(Bar("the Chief Minister may not advise a dissolution while a notice of a no-confidence "
                          "resolution is pending", "pending",
                          LegalSource("Art. 112(1), Explanation", "https://www.pakistani.org/pakistan/constitution/part4.ch2.html",
                                      CONSTITUTION)),),
                defection=DEFECTION,
            ),
            MotionRule(
                kind="confidence",
                title="Vote of confidence required by the Governor",
                threshold=_majority_of_total(LegalSource("Art. 130(7)", PROV_GOV, CONSTITUTION)),
                source=LegalSource("Art. 130(7)", PROV_GOV, CONSTITUTION),
                effect="the Chief Minister keeps office",
                effect_fail="the Chief Minister has not shown the confidence of the majority of the total membership",
                defection=DEFECTION,
            ),
            MotionRule(
                kind="pm-election",
                title="Election of the Chief Minister",
                threshold=_majority_of_total(LegalSource("Art. 130(4)", PROV_GOV, CONSTITUTION)),
                source=LegalSource("Art. 130(4)", PROV_GOV, CONSTITUTION),
                effect="the candidate is elected Chief Minister",
                effect_fail="no candidate is elected",
                runoff=Runoff(Threshold("present-and-voting"), 2,
                              LegalSource("Art. 130(4), first proviso", PROV_GOV, CONSTITUTION),
                              if_tied=FURTHER_POLLS),
                defection=DEFECTION,
            ),
        ),
    )


PK_NA = Constitution(
    id="pk-na",
    name="National Assembly of Pakistan",
    country="Pakistan",
    seats=(
        SeatPeriod(237, dt.date(1985, 3, 20), dt.date(1990, 11, 3),
                   "http://articles.orlandosentinel.com/1989-11-02/news/8911022930_1_bhutto-benazir-pakistan",
                   note="207 general, 20 reserved for women, 10 for non-Muslims; 237 seats in November 1989 "
                        "(119 needed to pass a no-confidence resolution)"),
        SeatPeriod(217, dt.date(1990, 11, 3), dt.date(2002, 11, 16), None, verified=False,
                   note="the women's reserved seats lapsed in 1990; size and dates from secondary knowledge, "
                        "not confirmed against a source"),
        SeatPeriod(342, dt.date(2002, 11, 16), dt.date(2024, 2, 29),
                   "https://www.hindustantimes.com/india/pak-house-rejects-no-trust-motion-against-pm/story-We59lxIfobbzlUuX3WCPYK.html",
                   note="272 general, 60 women, 10 non-Muslims (Art. 51); 342-seat house in 2006 and 2022"),
        SeatPeriod(336, dt.date(2024, 2, 29), None,
                   "https://data.ipu.org/parliament/PK/PK-LC01/election/PK-LC01-E20240208/",
                   note="266 general, 60 women, 10 non-Muslims after the 25th Amendment (Art. 51)"),
    ),
    sources=(LegalSource("Arts. 91 and 95", FED_GOV, CONSTITUTION),),
    note="Only a no-confidence resolution's supporters are recorded; boycotts and vacancies do not lower the bar.",
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Resolution for a vote of no-confidence against the Prime Minister",
            threshold=_majority_of_total(LegalSource("Art. 95(4)", ART95, CONSTITUTION), _na_example("10 April")),
            source=LegalSource("Art. 95(4)", ART95, CONSTITUTION),
            effect="the Prime Minister ceases to hold office",
            effect_fail="the resolution fails; the Prime Minister stays in office",
            movers=Movers(Fraction(1, 5), source=LegalSource("Art. 95(1)", ART95, CONSTITUTION, quote=ART95_1),
                          note="not less than twenty per centum of the total membership: 68.4 of 342, so at "
                               "least 69 members; the press wrote 68 when the 2022 resolution was filed (Dawn, "
                               "8 March 2022, reprinted at " + DAWN_68 + ": \"which means at least 68 "
                               "members\"), rounding 68.4 down"),
            window=Window(3, 7, "motion-moved", LegalSource("Art. 95(2)", ART95, CONSTITUTION),
                          note="counted from the day the resolution is moved, not from the notice"),
            bars=(
                DISSOLUTION_BAR,
                Bar("the resolution may not be moved while the Assembly is considering demands for grants in "
                    "the Annual Budget Statement", "moving", LegalSource("Art. 95(3)", ART95, CONSTITUTION)),
            ),
            defection=DEFECTION,
            sources=(LegalSource("Art. 95(1)-(4)", FED_GOV, CONSTITUTION),),
        ),
        MotionRule(
            kind="confidence",
            title="Vote of confidence required by the President",
            threshold=_majority_of_total(LegalSource("Art. 91(7)", FED_GOV, CONSTITUTION)),
            source=LegalSource("Art. 91(7)", FED_GOV, CONSTITUTION),
            effect="the Prime Minister has shown the confidence of the majority of the total membership",
            effect_fail="the Prime Minister has not shown the confidence of the majority of the total membership",
            defection=DEFECTION,
            note="Art. 91(7) asks for the confidence of the majority of the members; the Assembly applies a "
                 "majority of the total membership (172 of 342 in March 2021).",
        ),
        MotionRule(
            kind="pm-election",
            title="Election of the Prime Minister",
            threshold=_majority_of_total(LegalSource("Art. 91(4)", FED_GOV, CONSTITUTION),
                                        _na_example("11 April")),
            source=LegalSource("Art. 91(4)", FED_GOV, CONSTITUTION),
            effect="the member is elected Prime Minister",
            effect_fail="no candidate is elected",
            runoff=Runoff(Threshold("present-and-voting"), 2,
                          LegalSource("Art. 91(4), first proviso", FED_GOV, CONSTITUTION),
                          if_tied=FURTHER_POLLS),
            defection=DEFECTION,
            note="the text as it stands after the 18th Amendment (2010); earlier texts differed (under the "
                 "Eighth Amendment the President appointed the Prime Minister, who then sought a vote of confidence)",
        ),
    ),
)

PK_PA_PUNJAB = _provincial("pk-pa-punjab", "the Punjab", (SeatPeriod(371, dt.date(2002, 8, 21), None, ART106,
                           note="297 general, 66 women, 8 non-Muslims (Art. 106)"),))
PK_PA_SINDH = _provincial("pk-pa-sindh", "Sindh", (SeatPeriod(168, dt.date(2002, 8, 21), None, ART106,
                          note="130 general, 29 women, 9 non-Muslims (Art. 106)"),))
PK_PA_KP = _provincial("pk-pa-kp", "Khyber Pakhtunkhwa", (
    SeatPeriod(124, dt.date(2002, 8, 21), dt.date(2018, 5, 31), ART106,
               note="99 general, 22 women, 3 non-Muslims before the merger of the tribal areas"),
    SeatPeriod(145, dt.date(2018, 5, 31), None,
               "https://voiceofbalochistan.pk/projects/balochistan-assembly-session/article-106-constitution-of-provincial-assemblies/",
               note="115 general, 26 women, 4 non-Muslims after the 25th Amendment; the 21 tribal-area seats "
                    "were first filled in 2019. The start date (the Amendment's assent) is not confirmed.",
               verified=False),
))
PK_PA_BALOCHISTAN = _provincial("pk-pa-balochistan", "Balochistan", (SeatPeriod(65, dt.date(2002, 8, 21), None,
                                ART106, note="51 general, 11 women, 3 non-Muslims (Art. 106)"),))

CONSTITUTIONS = (PK_NA, PK_PA_PUNJAB, PK_PA_SINDH, PK_PA_KP, PK_PA_BALOCHISTAN)
