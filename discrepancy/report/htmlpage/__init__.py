"""The HTML report's sections, one module each; report/html.py puts them on one page.

markup.py escapes text and makes anchors (and indexes the claims that discrepancies cite);
header.py is the summary and the sources, discrepancies.py the discrepancies with their claims,
facts.py the fact table, timeline.py the SVG timeline of dated facts, articles.py the full texts
with cited words marked. The page's CSS and script are package data (report/assets/).
"""
