namespace Smp.AgentSim.Report;

/// <summary>The page's only style and script, inline; the page's Content-Security-Policy allows these two by hash and nothing else.</summary>
internal static class ReportAssets
{
    public const string Css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1000px; padding: 16px 24px 48px; }
        h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
        .meta { color: #555; margin: 0 0 8px; }
        figure.chart { margin: 0 0 8px; } figure.chart svg[data-chart] { width: 100%; height: auto; display: block; }
        .grid line { stroke: #e3e3e3; } .grid line.axis { stroke: #444; } .grid text, text.empty { fill: #444; }
        text.tick { font-size: 11px; } text.label { font-size: 12px; fill: #222; } text.empty { font-size: 14px; }
        .legend { list-style: none; padding: 0; margin: 4px 0 0 72px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
        .legend li { display: flex; align-items: center; gap: 6px; }
        table { border-collapse: collapse; margin: 8px 0 16px; } caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 12px 3px 0; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .verdict { font-weight: 600; } .pass { color: #006b3c; } .fail { color: #b00020; }
        ul.samples { margin: 2px 0 0; padding-left: 18px; color: #555; }
        details { margin-top: 24px; } summary { cursor: pointer; font-weight: 600; }
        """;

    /// <summary>Marks each chart the browser laid out with something drawn in it (<c>data-drawn</c>), for tests; the charts need no script.</summary>
    public const string Script = """
        for (const svg of document.querySelectorAll('svg[data-chart]')) {
          let drawn = 0;
          for (const mark of svg.querySelectorAll('.mark')) {
            const box = mark.getBBox();
            if (box.width > 0 || box.height > 0) drawn++;
          }
          svg.setAttribute('data-drawn', drawn > 0 ? 'true' : 'false');
          svg.setAttribute('data-marks', String(drawn));
        }
        """;
}
