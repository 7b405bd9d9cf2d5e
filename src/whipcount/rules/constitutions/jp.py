"""Japan: the House of Representatives. A no-confidence resolution (or the rejection of a confidence
resolution) forces the Cabinet to resign unless the House is dissolved within ten days (Art. 69). Matters
are decided by a majority of those present; in a tie the presiding officer decides; a third of the members
make a quorum (Art. 56)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.rules.core import Constitution, LegalSource, MotionRule, Quorum, Runoff, SeatPeriod, Threshold
from whipcount.rules.parlgov_seats import with_parlgov

CJ = "Constitution of Japan"
URL = "https://japan.kantei.go.jp/constitution_and_government_of_japan/constitution_e.html"
_Q = Quorum(Fraction(1, 3), source=LegalSource("Art. 56(1)", URL, CJ))
_TIE = LegalSource("Art. 56(2)", URL, CJ)
# 衆議院規則 r. 18(3): without a majority, r. 8(2) applies: a run-off between the two with the most votes
_RUNOFF = LegalSource(
    "r. 18(3), r. 8(2)", "http://zhidaos.com/detail/index/142329", "Rules of the House of Representatives",
    quote="投票の過半数を得た者がないときは、第八条第二項の規定を準用して指名される者を定め")

# r. 8(2) as applied by r. 18(3): a tie in the run-off is decided by lot (reported; the House's text not seen)
_LOT = LegalSource(
    "r. 8(2)", "https://mama.smt.docomo.ne.jp/article/6929125", "Rules of the House of Representatives",
    quote="もしも「決選投票」の2人の得票数が同じだった場合は、「くじでこれを定める」とされているのだ")

# r. 18(2): the one with a majority of the votes is designated (Art. 67(1) says only that the Diet designates)
_FIRST_POLL = LegalSource(
    "r. 18(2)", "http://zhidaos.com/detail/index/142329", "Rules of the House of Representatives",
    quote="投票の過半数を得た者を指名される者とし、その者について指名の議決があつたものとする")


def _majority() -> Threshold:
    return Threshold("votes-cast", Fraction(1, 2), strict=True, tie="casting-vote", tie_source=_TIE, quorum=_Q)


JP_HR = Constitution(
    id="jp-hr",
    name="House of Representatives of Japan",
    country="Japan",
    seats=with_parlgov((
        SeatPeriod(512, dt.date(1986, 7, 6), dt.date(1993, 7, 18),
                   "https://www.deseret.com/1993/6/17/19052045/reformers-target-premier-seek-no-confidence-vote",
                   note="512-seat lower house in June 1993; start date not confirmed"),
        SeatPeriod(465, dt.date(2017, 10, 22), None, URL, verified=False, note="465 seats since 2017; not confirmed"),
    ), "JPN"),
    motions=(
        MotionRule(
            kind="no-confidence",
            title="Resolution of no confidence in the Cabinet",
            threshold=_majority(),
            source=LegalSource("Art. 69; Art. 56(2)", URL, CJ),
            effect="the Cabinet resigns en masse unless the House is dissolved within ten days",
            effect_fail="the resolution is rejected",
        ),
        MotionRule(
            kind="confidence",
            title="Resolution of confidence in the Cabinet",
            threshold=_majority(),
            source=LegalSource("Art. 69; Art. 56(2)", URL, CJ),
            effect="the Cabinet keeps the House's confidence",
            effect_fail="the Cabinet resigns en masse unless the House is dissolved within ten days",
        ),
        MotionRule(
            kind="pm-election",
            title="Designation of the Prime Minister",
            threshold=Threshold("votes-cast", Fraction(1, 2), strict=True, quorum=_Q),
            source=_FIRST_POLL,
            sources=(LegalSource("Art. 67(1)", URL, CJ),  # the Diet designates; the majority is r. 18(2)'s
                     _LOT),
            effect="the member is designated Prime Minister by the House",
            effect_fail="no one has a majority of the votes cast",
            # Art. 56(1)'s quorum holds for every business of the House, the run-off included
            runoff=Runoff(Threshold("votes-cast", quorum=_Q), 2, _RUNOFF,
                          note="Rules of the House, r. 18(3) with r. 8(2): a run-off between the two with the most "
                               "votes, won by the one with more; the rules' text is quoted from secondary pages, not "
                               "the House's own",
                          if_tied="a tie is decided by lot (r. 8(2)), which whipcount does not draw: the tie is "
                                  "judged not carried, and the lot decides in fact"),
        ),
    ),
)

CONSTITUTIONS = (JP_HR,)
