using System.Text;

namespace Smp.AgentSim.Report;

/// <summary>
/// One chart as inline SVG drawn here, so the page needs no script and no network: time along the
/// bottom, a value from zero up the side, a grid, axis labels, a title and description for screen
/// readers and an HTML legend. Every drawn element has the class <c>mark</c>.
/// </summary>
internal sealed class SvgChart(TimeAxis time, double maxValue, string valueLabel)
{
    private const int Width = 960;
    private const int Height = 280;
    private const int Left = 72;
    private const int Right = 16;
    private const int Top = 14;
    private const int Bottom = 48;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    private readonly NiceScale _values = NiceScale.For(maxValue);
    private readonly StringBuilder _marks = new();
    private readonly StringBuilder _bands = new();

    public bool IsEmpty => _marks.Length == 0;

    /// <summary>A line through <paramref name="points"/>, with dots where they are few or alone.</summary>
    public void Line(ChartSeries series, IReadOnlyList<(TimeSpan At, double Value)> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        string dash = series.Dash is null ? "" : $" stroke-dasharray=\"{series.Dash}\"";
        if (points.Count > 1)
        {
            string coordinates = string.Join(' ', points.Select(p => Html.Number(X(p.At), "0.#") + "," + Html.Number(Y(p.Value), "0.#")));
            _marks.Append($"<polyline class=\"mark\" fill=\"none\" stroke=\"{series.Colour}\" stroke-width=\"2\"{dash} points=\"{coordinates}\"/>\n");
        }

        if (points.Count <= 60)
        {
            foreach ((TimeSpan at, double value) in points)
            {
                _marks.Append($"<circle class=\"mark\" r=\"3\" fill=\"{series.Colour}\" cx=\"{Html.Number(X(at), "0.#")}\" cy=\"{Html.Number(Y(value), "0.#")}\"/>\n");
            }
        }
    }

    /// <summary>A bar from <paramref name="from"/> to <paramref name="to"/>, spanning values <paramref name="low"/> to <paramref name="high"/>.</summary>
    public void Bar(ChartSeries series, TimeSpan from, TimeSpan to, double low, double high, string tooltip)
    {
        double x = X(from);
        double width = Math.Max(1, X(to) - x - (X(to) - x > 4 ? 1 : 0));
        _marks.Append($"<rect class=\"mark\" fill=\"{series.Colour}\" x=\"{Html.Number(x, "0.##")}\" y=\"{Html.Number(Y(high), "0.##")}\" ")
            .Append($"width=\"{Html.Number(width, "0.##")}\" height=\"{Html.Number(Y(low) - Y(high), "0.##")}\"><title>{Html.Encode(tooltip)}</title></rect>\n");
    }

    /// <summary>Shaded bands the full height of the plot, behind the marks, each with its label as a tooltip.</summary>
    public void Bands(IReadOnlyList<TimeBand> bands)
    {
        foreach (TimeBand band in bands)
        {
            double x = X(band.From);
            double width = Math.Max(2, X(band.To) - x);
            _bands.Append($"<rect class=\"band\" fill=\"#CC79A7\" fill-opacity=\"0.18\" x=\"{Html.Number(x, "0.##")}\" y=\"{Top}\" ")
                .Append($"width=\"{Html.Number(width, "0.##")}\" height=\"{PlotHeight}\"><title>{Html.Encode(band.Label)}</title></rect>\n");
        }
    }

    /// <param name="id">The figure's id, also <c>data-chart</c> on the SVG.</param>
    /// <param name="description">What the chart shows, in words, for those who cannot see it.</param>
    public void WriteTo(TextWriter writer, string id, string title, string description, IReadOnlyList<ChartSeries> legend)
    {
        writer.WriteLine($"<figure class=\"chart\" id=\"{id}\">");
        writer.WriteLine($"<h2 id=\"{id}-title\">{Html.Encode(title)}</h2>");
        writer.WriteLine($"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" data-chart=\"{id}\">");
        writer.WriteLine($"<title>{Html.Encode(title)}</title><desc id=\"{id}-desc\">{Html.Encode(description)}</desc>");
        WriteAxes(writer);
        if (IsEmpty)
        {
            writer.WriteLine($"<text class=\"empty\" x=\"{Left + (PlotWidth / 2)}\" y=\"{Top + (PlotHeight / 2)}\" text-anchor=\"middle\">no requests recorded</text>");
        }

        if (_bands.Length > 0)
        {
            writer.Write("<g class=\"bands\">\n");
            writer.Write(_bands);
            writer.WriteLine("</g>");
        }

        writer.Write("<g class=\"marks\">\n");
        writer.Write(_marks);
        writer.WriteLine("</g>\n</svg>");
        writer.WriteLine("<ul class=\"legend\">");
        foreach (ChartSeries series in legend)
        {
            string dash = series.Dash is null ? "" : $" stroke-dasharray=\"{series.Dash}\"";
            writer.WriteLine($"<li><svg width=\"28\" height=\"12\" aria-hidden=\"true\"><line x1=\"0\" y1=\"6\" x2=\"28\" y2=\"6\" stroke=\"{series.Colour}\" stroke-width=\"6\"{dash}/></svg> {Html.Short(series.Label)}</li>");
        }

        writer.WriteLine("</ul>\n</figure>");
    }

    private void WriteAxes(TextWriter writer)
    {
        writer.WriteLine("<g class=\"grid\" aria-hidden=\"true\">");
        foreach (double tick in _values.Ticks())
        {
            double y = Y(tick);
            writer.WriteLine($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Html.Number(y, "0.#")}\" y2=\"{Html.Number(y, "0.#")}\"/>"
                + $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Html.Number(y + 4, "0.#")}\" text-anchor=\"end\">{Html.Number(tick, "0.###")}</text>");
        }

        foreach (double tick in time.Ticks())
        {
            double x = X(TimeSpan.FromSeconds(tick * time.UnitSeconds));
            writer.WriteLine($"<line x1=\"{Html.Number(x, "0.#")}\" x2=\"{Html.Number(x, "0.#")}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom + 5}\"/>"
                + $"<text class=\"tick\" x=\"{Html.Number(x, "0.#")}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{Html.Number(tick, "0.###")}</text>");
        }

        writer.WriteLine($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\"/>"
            + $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>");
        writer.WriteLine($"<text class=\"label\" x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\">time since start ({time.UnitName})</text>");
        writer.WriteLine($"<text class=\"label\" transform=\"translate(16 {Top + (PlotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{Html.Encode(valueLabel)}</text>");
        writer.WriteLine("</g>");
    }

    private double X(TimeSpan at) => Left + (Math.Clamp(time.Fraction(at), 0, 1) * PlotWidth);

    private double Y(double value) => Top + PlotHeight - (Math.Clamp(value / _values.Max, 0, 1) * PlotHeight);
}
