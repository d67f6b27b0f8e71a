using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Measures the WCAG contrast of the text the wizard's own styles colour (chips, code, diffs, alerts, captions) against
/// the background it is actually drawn on, compositing translucent colours up the element tree.
/// </summary>
internal static class Contrast
{
    public const string Selectors =
        ".state-chip, .step-summary, .gate-reason, .panel-description, .evidence li, .yaml-key, .yaml-string, .yaml-number, .yaml-literal, " +
        ".yaml-value, .yaml-comment, .yaml-punct, .diff-line, .mud-alert-message, .run-state, .step-result, .probe-headline, .probe-certificate, " +
        ".step-progress, .mud-step-label-content-title, .command-text, .mud-button-filled:not([disabled]) .mud-button-label, .mud-button-outlined:not([disabled]) .mud-button-label, " +
        ".mud-text-secondary, .step-facts dt, .target-facts dt, .target-facts dd, .connection-checks li, .object-action";

    private const string Script = """
        (selectors) => {
          const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(x => x).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
            let result = { r: 255, g: 255, b: 255, a: 1 };
            for (let i = layers.length - 1; i >= 0; i--) result = over(layers[i], result);
            return result;
          };
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const failures = [];
          let checked = 0;
          for (const el of document.querySelectorAll(selectors)) {
            if (!el.offsetParent || !el.textContent.trim()) continue;
            const bg = background(el);
            const fg = over(parse(getComputedStyle(el).color), bg);
            const l1 = lum(fg), l2 = lum(bg);
            const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
            checked++;
            if (ratio < 4.5) failures.push(`${ratio.toFixed(2)} ${el.className} "${el.textContent.trim().slice(0, 40)}"`);
          }
          return { checked, failures: [...new Set(failures)] };
        }
        """;

    /// <summary>Every checked text with a contrast under 4.5:1; asserts that more than <paramref name="minimumChecked"/> texts were checked.</summary>
    public static async Task<IReadOnlyList<string>> FailuresAsync(IPage page, int minimumChecked = 20)
    {
        var result = await page.EvaluateAsync<Result>(Script, Selectors);
        Assert.True(result.Checked > minimumChecked, $"only {result.Checked} elements were checked");
        return result.Failures;
    }

    private sealed class Result
    {
        public int Checked { get; set; }

        public string[] Failures { get; set; } = [];
    }
}
