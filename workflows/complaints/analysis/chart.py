"""A bar chart as inline SVG, drawn on the server: no JavaScript, nothing fetched from elsewhere."""

from django.utils.html import format_html, format_html_join

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 190
BAR_WIDTH = 360
VALUE_WIDTH = 50


def bar_chart(rows, *, title):
    """Horizontal bars, one per row (label, count); labels are escaped like any text."""
    largest = max((row.count for row in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    bars = format_html_join(
        "",
        '<g transform="translate(0,{})">'
        '<text x="{}" y="{}" text-anchor="end" font-size="13" fill="currentColor">{}</text>'
        '<rect x="{}" y="0" width="{}" height="{}" rx="3" fill="{}"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" font-size="13" fill="currentColor">{}</text>'
        "</g>",
        (
            (
                GAP + i * (BAR_HEIGHT + GAP),
                LABEL_WIDTH - 8,
                BAR_HEIGHT - 6,
                row.label,
                LABEL_WIDTH,
                max(round(BAR_WIDTH * row.count / largest), 1 if row.count else 0),
                BAR_HEIGHT,
                "#cd4444" if row.repeated else "#007d7e",
                row.label,
                row.count,
                LABEL_WIDTH + round(BAR_WIDTH * row.count / largest) + 6,
                BAR_HEIGHT - 6,
                row.count,
            )
            for i, row in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="complaint-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="{}" height="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        title,
        width,
        height,
        width,
        height,
        title,
        bars,
    )
