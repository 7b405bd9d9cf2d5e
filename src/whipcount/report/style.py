"""The report's stylesheet: readable on a phone, a laptop and paper; no web fonts, no images."""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """
:root{--ink:#1a1a1a;--muted:#5a5a5a;--rule:#dddddd;--accent:#2c6fbb;--bg:#ffffff;--warn:#a33b00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
 font:17px/1.55 Georgia,'Iowan Old Style','Times New Roman',serif}
main{max-width:62rem;margin:0 auto;padding:1.25rem 1rem 3rem}
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
a.ref{text-decoration:none;font-size:.75rem;font-family:system-ui,sans-serif}
.unverified{color:var(--warn);font-weight:700;cursor:help}
figure.chart{margin:1.2rem 0 1.8rem}
figure.chart svg{display:block;width:100%;height:auto;max-height:80vh}
figcaption{margin-top:.4rem}
.verdict{font-size:1.15rem;padding:.6rem .8rem;border-left:5px solid var(--ink);background:#f5f5f5}
.verdict.passed{border-color:#1a9850}.verdict.failed{border-color:#d73027}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.6rem 0}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--rule)}
thead th{border-bottom:2px solid var(--ink)}
table.events td:first-child{white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.dates{width:auto}
tr.seatmove td:first-child{font-weight:600}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.4em;vertical-align:-.05em}
details summary{cursor:pointer;font-family:system-ui,sans-serif;font-weight:600;margin:.6rem 0}
ol.refs{font-size:.85rem;padding-left:2.2rem;word-break:break-word}
ol.refs li{margin:.2rem 0}
code{font-size:.9em}
footer{margin-top:3rem;border-top:1px solid var(--rule);padding-top:.8rem}
ul.legend-html{display:none;list-style:none;padding:0;margin:.4rem 0;font-family:system-ui,sans-serif;
 font-size:.9rem;flex-wrap:wrap;gap:.2rem 1rem}
ul.legend-html .sw.vacant{border:1px dashed #888}
ul.legend-html .grp{flex-basis:100%;color:var(--muted);font-weight:600;margin-top:.3rem}
@media (max-width:40rem){
 ul.legend-html{display:flex}
 figure.chart svg .legend{display:none}
 body{font-size:16px}
 header h1{font-size:1.5rem}
 main{padding:.8rem .7rem 2rem}
 th,td{padding:.3rem .3rem}
}
@media print{
 @page{margin:1.6cm}
 body{font-size:10.5pt;color:#000}
 main{max-width:none;padding:0}
 nav{display:none}
 h2{break-after:avoid;page-break-after:avoid}
 figure.chart,tr{break-inside:avoid;page-break-inside:avoid}
 figure.chart svg{max-height:none}
 details>*{display:block}
 a{color:#000;text-decoration:none}
 ol.refs a::after{content:""}
 .scroll{overflow:visible}
}
"""
