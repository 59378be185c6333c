namespace Meridian.Core.Reports;

/// <summary>The page's only stylesheet, inline: system fonts, light and dark colours, a table that scrolls on narrow screens.</summary>
internal static class ReportStyles
{
    public const string Css = """
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --link: #0b57d0;
          --good: #0a7a32; --average: #9a4d00; --poor: #c5221f;
          --good-bar: #1fb45f; --average-bar: #f0a23a; --poor-bar: #ea4a3f; --unrated-bar: #8c959f; --bound: #57606a; --track: #e7ebef;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0f1216; --fg: #e6e9ed; --muted: #9ba5b0; --line: #30363d; --panel: #171b21; --link: #8ab4f8;
            --good: #4cd787; --average: #f5b55c; --poor: #ff7b72;
            --good-bar: #2ea862; --average-bar: #d98f2b; --poor-bar: #d9463c; --unrated-bar: #6e7781; --bound: #9ba5b0; --track: #232932;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
        header, main, footer { max-width: 80rem; margin: 0 auto; padding: 0 1.25rem; }
        header { padding-top: 1.5rem; }
        a { color: var(--link); }
        h1 { font-size: 1.5rem; line-height: 1.3; margin: 0.25rem 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.75rem; }
        .kicker { margin: 0; color: var(--muted); font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.06em; }
        .facts { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0; }
        .facts div { min-width: 8rem; }
        .facts dt, .card dt { color: var(--muted); font-size: 0.8rem; }
        .facts dd, .card dd { margin: 0; }
        .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
        .notice { border: 1px solid var(--line); border-left: 4px solid var(--poor); background: var(--panel); padding: 0.75rem 1rem; border-radius: 6px; margin: 1rem 0 0; overflow-wrap: anywhere; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr)); gap: 0.75rem; margin: 0; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
        .card dd { font-size: 1.35rem; font-weight: 600; }
        .card dd small { display: block; font-size: 0.8rem; font-weight: 400; color: var(--muted); }
        .table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { padding: 0.5rem 0.65rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { background: var(--panel); font-size: 0.8rem; color: var(--muted); white-space: nowrap; }
        tbody tr:last-child > * { border-bottom: 0; }
        tbody th { font-weight: 400; white-space: nowrap; }
        tbody th, thead th:first-child { position: sticky; left: 0; background: var(--bg); }
        thead th:first-child { background: var(--panel); }
        tbody th .code { font-weight: 700; display: block; }
        .place { color: var(--muted); font-size: 0.8rem; }
        .num { text-align: right; }
        .nowrap { white-space: nowrap; }
        .value { display: block; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .rating { display: block; font-size: 0.75rem; line-height: 1.25; }
        td.status { min-width: 12rem; max-width: 22rem; }
        .reason { display: block; color: var(--muted); font-size: 0.8rem; overflow-wrap: anywhere; }
        abbr { text-decoration: none; cursor: help; }
        .good { color: var(--good); }
        .average { color: var(--average); }
        .poor { color: var(--poor); }
        .unrated, .none { color: var(--muted); }
        td.num .value { color: var(--fg); font-weight: 600; }
        td.num .value.none { color: var(--muted); font-weight: 400; }
        .legend { color: var(--muted); font-size: 0.85rem; margin: 0.5rem 0 0; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 1rem; }
        .chart { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
        .chart figcaption { margin-bottom: 0.5rem; }
        .chart .bounds { display: block; color: var(--muted); font-size: 0.8rem; }
        .chart svg { display: block; width: 100%; overflow: visible; }
        svg text { font-size: 13px; fill: var(--fg); dominant-baseline: middle; font-variant-numeric: tabular-nums; }
        svg .track { fill: var(--track); }
        svg text.none { fill: var(--muted); }
        svg .bar.good { fill: var(--good-bar); }
        svg .bar.average { fill: var(--average-bar); }
        svg .bar.poor { fill: var(--poor-bar); }
        svg .bar.unrated { fill: var(--unrated-bar); }
        svg .bound { stroke: var(--bound); stroke-dasharray: 4 4; stroke-width: 1; }
        @media (max-width: 40rem) {
          header, main, footer { padding: 0 0.75rem; }
          td.status { min-width: 9rem; }
        }
        footer { color: var(--muted); font-size: 0.8rem; padding-top: 2rem; padding-bottom: 2rem; }
        """;
}
