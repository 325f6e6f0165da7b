namespace AiGuard.Cli.Report;

/// <summary>ReportStyle is the HTML report's inline stylesheet: system fonts only, so the file fetches nothing.</summary>
public static class ReportStyle
{
    public const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;max-width:1180px;color:#1d2430;background:#fff;padding:0 16px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #d8dee8;padding-bottom:4px}
        header p{color:#566176;margin:0}
        .tiles{display:flex;flex-wrap:wrap;gap:10px}
        .tile{border:1px solid #d8dee8;border-radius:8px;padding:10px 14px;min-width:112px;background:#f7f9fc}
        .tile .value{display:block;font-size:26px;font-weight:600}.tile .label{font-size:12px;color:#566176}
        .tile.good .value,td.good{color:#1a7f37}.tile.fair .value,td.fair{color:#9a6700}.tile.poor .value,td.poor{color:#cf222e}
        p.summary{color:#38414f}p.empty{color:#566176;font-style:italic}
        table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}
        th,td{border-bottom:1px solid #e4e8ef;padding:5px 8px;text-align:left;vertical-align:top}
        thead th{background:#f0f3f8;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
        td[data-field=message],td[data-field=approved-by]{overflow-wrap:anywhere;max-width:620px}
        td.severity{font-weight:600;text-transform:uppercase;font-size:12px}
        svg{display:block;margin:6px 0;max-width:100%;height:auto}
        svg text{font-size:12px;fill:#1d2430}svg text.label{text-anchor:end}
        svg rect.track{fill:#eef1f6}svg rect.good,svg rect.pass{fill:#2da44e}svg rect.fair,svg rect.waived{fill:#d4a72c}svg rect.poor,svg rect.fail{fill:#cf222e}
        .legend{font-size:12px;color:#566176}.swatch{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px;vertical-align:middle}
        .swatch.pass{background:#2da44e}.swatch.fail{background:#cf222e}.swatch.waived{background:#d4a72c}
        """;
}
