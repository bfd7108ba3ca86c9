"""The HTML report's fact table: one row per fact stated by two or more sources, one column per
article, cells coloured by how each value stands against the majority compare found."""

from __future__ import annotations

from collections import Counter

from ...models import Result, Standing
from .markup import disc_anchor, doc_anchor, e

_CELL_CLASS = {
    Standing.MAJORITY: "cell-major",
    Standing.MIXED: "cell-major cell-mixed",
    Standing.ODD: "cell-odd",
    Standing.SPLIT: "cell-split",
}


def section(result: Result) -> str:
    """Draw compare's fact rows (majorities are counted there, not here)."""
    documents = result.corpus.documents
    out = [
        '<section id="facts">',
        "<h2>Fact table</h2>",
        '<p class="hint">One row per fact stated by two or more sources, one column per article, each cell the '
        'value as written; a reprint and its original count as one source. <span class="cell-major legend">Majority value</span> '
        '<span class="cell-odd legend">differs from the majority</span> '
        '<span class="cell-major cell-mixed legend">majority and other values</span> '
        '<span class="cell-split legend">no majority</span>; rows marked ⚠ are discrepancies.</p>',
    ]
    if not result.fact_rows:
        out.append("<p>No fact is stated by two or more sources.</p></section>")
        return "\n".join(out)
    out.append('<div class="scroll"><table class="facts" id="fact-table">')
    head = "".join(f'<th scope="col"><a href="#{e(doc_anchor(d.id))}">{e(d.outlet)}</a></th>' for d in documents)
    out.append(f'<thead><tr><th scope="col">Fact</th><th scope="col">Kind</th>{head}</tr></thead>')
    out.append("<tbody>")
    subjects = Counter(row.subject for row in result.fact_rows)
    by_id = {d.id: d for d in result.discrepancies}
    drawn_cells: dict[tuple[Standing, tuple[str, ...], tuple[str, ...]], str] = {}
    for row in result.fact_rows:
        disc = by_id.get(row.discrepancy) if row.discrepancy else None
        row_cls = "disputed" if disc else ("agree" if row.agree else "differs")
        label = e(row.subject or row.key)
        if subjects[row.subject] > 1 and row.key:
            label += f' <small class="muted">({e(row.key)})</small>'
        if disc:
            label = f'<a href="#{e(disc_anchor(disc))}" title="{e(disc.summary)}">⚠ {label}</a>'
        elif row.agree:
            label = f'<span class="ok" title="all sources agree">✓</span> {label}'
        by_doc = {c.doc: c for c in row.cells}
        cells = []
        for d in documents:
            cell = by_doc.get(d.id)
            if cell is None:
                cells.append('<td class="cell-none"></td>')
                continue
            # most documents of a big corpus state one of a few values: each drawn once
            seen = (cell.standing, cell.raw, cell.normalized)
            drawn = drawn_cells.get(seen)
            if drawn is None:
                title = " / ".join(cell.normalized)
                drawn = drawn_cells[seen] = (
                    f'<td class="{_CELL_CLASS[cell.standing]}" title="{e(title)}">{e(" / ".join(cell.raw))}</td>'
                )
            cells.append(drawn)
        out.append(f'<tr class="{row_cls}"><th scope="row">{label}</th><td>{e(row.kind)}</td>{"".join(cells)}</tr>')
    out.append("</tbody></table></div>")
    out.append("</section>")
    return "\n".join(out)
