"""The report's stylesheet: readable on a phone, a laptop and paper; no web fonts, no images."""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
:root{--ink:#1a1a1a;--muted:#5a5a5a;--rule:#dddddd;--accent:#2c6fbb;--bg:#ffffff;--warn:#a33b00;--panel:#f5f5f5;
 --ring:transparent;color-scheme:light dark}
/* a phone or computer set to dark: light text on a dark page (the charts keep the white ground their colours
   are measured against); print stays dark on white */
@media screen and (prefers-color-scheme:dark){
 :root{--ink:#e6e6e6;--muted:#b3b3b3;--rule:#4a4a4a;--accent:#8ab4f8;--bg:#121212;--warn:#ffa066;--panel:#1f1f1f;
  --ring:#d0d0d0}
 .verdict.passed{border-color:#4cc27e}.verdict.failed{border-color:#ff6b5e}
}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
/* a word longer than the line (an address quoted in a note) breaks rather than pushing the page sideways */
body{margin:0;background:var(--bg);color:var(--ink);overflow-wrap:break-word;
 font:17px/1.55 Georgia,'Iowan Old Style','Times New Roman',serif}
div.page{max-width:62rem;margin:0 auto;padding:1.25rem 1rem 3rem}
/* "Skip to main content", the first thing the Tab key reaches: out of sight until it has the focus, then over
   the top of the page; it leads past the header and the list of sections to the main element (its id: main),
   which takes the focus (tabindex="-1") so that the next Tab goes on from there, with no ring of its own */
a.skip{position:absolute;left:.5em;top:-10em;z-index:10;padding:.5em .8em;background:var(--bg);color:var(--ink);
 border:2px solid var(--ink);border-radius:4px;font:600 15px/1.4 system-ui,sans-serif;text-decoration:underline}
a.skip:focus{top:.5em}
main[tabindex="-1"]:focus{outline:none}
header h1{font:700 2rem/1.2 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:.2rem 0 .8rem}
h2,h3,nav,figcaption,table,.kicker,.note,.legend-note,footer,.verdict{
 font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}
h2{font-size:1.4rem;margin:2.4rem 0 .8rem;padding-top:.6rem;border-top:2px solid var(--ink)}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:var(--muted);margin:0}
.lede{font-size:1.1rem}
.legend-note,.note,figcaption,footer{font-size:.88rem;color:var(--muted)}
nav ol{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;list-style:none;padding:.6rem 0;margin:0;
 border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);font-size:.92rem}
a{color:var(--accent)}
a.ref{text-decoration:none;font-size:.75rem;font-family:system-ui,sans-serif;display:inline-block;min-width:24px;
 min-height:24px;line-height:24px;text-align:center}
.unverified{color:var(--warn);font-weight:700;cursor:help}
figure.chart{margin:1.2rem 0 1.8rem;container-type:inline-size}
/* no cap on a chart's height: capped at 80vh, a tall chart (a long legend) shrank on a laptop's screen until
   its notes were 9 pixels, as much as 75% of its size lost at 1280 x 900 for a 700-seat chamber */
figure.chart svg{display:block;width:100%;height:auto}
figure.chart .narrow{display:none}
figure.chart .narrow svg{max-width:30rem;max-height:none;margin:0 auto}
figcaption{margin-top:.4rem}
caption{text-align:left;font-weight:600;padding:.2rem 0}
details.data{margin:.4rem 0}
/* narrow figures: the seat charts drawn for a phone; wide charts scroll sideways at a readable size */
@container (max-width:760px){
 figure.chart .wide{display:none}
 figure.chart .narrow{display:block}
 .chart-scroll svg{min-width:760px;max-height:none}
 .chart-scroll svg .tick,.chart-scroll svg .note,.chart-scroll svg .sub,.chart-scroll svg .tlabel,
 .chart-scroll svg .end{font-size:14px!important}
 .chart-scroll svg.timeline .note,.chart-scroll svg.forecast .sub{display:none}
}
.verdict{font-size:1.15rem;padding:.6rem .8rem;border-left:5px solid var(--ink);background:var(--panel)}
.verdict.passed{border-color:#1a9850}.verdict.failed{border-color:#d73027}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.6rem 0}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--rule)}
thead th{border-bottom:2px solid var(--ink)}
table.events td:first-child{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.dates{width:auto}
tr.seatmove td:first-child{font-weight:600}
.sw{display:inline-block;box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact;width:.8em;height:.8em;border-radius:50%;margin-right:.4em;vertical-align:-.05em;
 box-shadow:0 0 0 1.5px var(--ring)}
details summary{cursor:pointer;font-family:system-ui,sans-serif;font-weight:600;margin:.6rem 0}
ol.refs{font-size:.85rem;padding-left:2.2rem;word-break:break-word}
ol.refs li{margin:.2rem 0}
ol.refs a{display:inline-block;min-height:24px;padding:2px 0}
code{font-size:.9em}
footer{margin-top:3rem;border-top:1px solid var(--rule);padding-top:.8rem}
@media (max-width:40rem){
 body{font-size:16px}
 header h1{font-size:1.5rem}
 div.page{padding:.8rem .7rem 2rem}
 th,td{padding:.3rem .3rem}
 table.events thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.events,table.events tbody,table.events tr,table.events td{display:block;width:auto}
 table.events tr{border-bottom:1px solid var(--rule);padding:.4rem 0}
 table.events td{border:0;padding:.1rem 0}
 table.events caption{display:block}
 table.events td[data-label="Date"]{font-weight:600}
 table.events td:first-child{white-space:normal}
 table.events td[data-label="Kind"]::before,table.events td[data-label="Source"]::before{
  content:attr(data-label) ": ";color:var(--muted)}
}
@media (hover:none){svg.timeline .hint{display:none}}
@media print{
 @page{margin:1.6cm}
 body{font-size:10.5pt;color:#000}
 div.page{max-width:none;padding:0}
 nav,a.skip{display:none}
 h2,h3{break-after:avoid;page-break-after:avoid}
 tr{break-inside:avoid;page-break-inside:avoid}
 figure.chart svg{max-height:none;break-inside:avoid}
 figcaption{break-before:avoid}
 figure.chart .wide{display:none}
 figure.chart .narrow{display:block}
 figure.chart .narrow svg{width:12cm;max-width:100%;max-height:23cm}
 details.data{display:none}
 .chart-scroll svg .tick,.chart-scroll svg .note,.chart-scroll svg .sub,.chart-scroll svg .tlabel,
 .chart-scroll svg .end{font-size:15.5px!important}
 .chart-scroll svg.timeline .note,.chart-scroll svg.forecast .sub{display:none}
 .chart-scroll{padding-left:.4rem}
 .chart-scroll svg{overflow:visible;min-width:0}
 a{color:#000;text-decoration:none}
 ol.refs a::after{content:""}
 .scroll{overflow:visible}
}
"""
