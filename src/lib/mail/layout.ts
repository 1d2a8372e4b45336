// The one HTML frame every Docket email shares, and the one escapeHtml: table layout, inline styles, and a dark-mode block for
// clients that honour prefers-color-scheme (the light colours stay readable where they do not).
// The site's name at the top comes from the caller: it is a site setting (getSiteSettings()).

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * A name or title someone typed, set apart from the text around it (U+2068 FIRST STRONG ISOLATE …
 * U+2069 POP DIRECTIONAL ISOLATE), so that right-to-left text or a direction override in it cannot
 * reorder the rest of a subject line or a sentence. What <bdi> does in a page, for plain text.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

export const emailColors = { text: "#1b1b1b", muted: "#555555", accent: "#8a1c1c", rule: "#e2ded6", page: "#f4f1ec", card: "#ffffff" };

const DARK_MODE_CSS = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .docket-page { background: #161514 !important; }
  .docket-card { background: #1f1e1c !important; }
  .docket-text, .docket-text p, .docket-text td { color: #ecebe8 !important; }
  .docket-muted { color: #b5b3ae !important; }
  .docket-link { color: #f0a0a0 !important; }
  .docket-rule { border-color: #3a3835 !important; }
}`;

export function renderEmailDocument(input: { siteName: string; title: string; preheader: string; bodyHtml: string; footerHtml?: string }): string {
  const siteName = escapeHtml(input.siteName);
  const { text, muted, accent, page, card } = emailColors;
  return `<!DOCTYPE html>
<html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(input.title)}</title>
<style>${DARK_MODE_CSS}</style>
</head>
<body class="docket-page" style="margin:0;padding:0;background:${page};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(input.preheader)}</div>
<table role="presentation" class="docket-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="docket-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:${card};border-top:4px solid ${accent};">
<tr><td class="docket-text" style="padding:24px 28px 8px;font-family:Georgia,'Times New Roman',serif;color:${text};">
<p style="margin:0;font-size:22px;font-weight:bold;letter-spacing:0.2px;color:${text};" class="docket-text">${siteName}</p>
</td></tr>
<tr><td class="docket-text" style="padding:8px 28px 24px;font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.55;color:${text};">
${input.bodyHtml}
</td></tr>
${
  input.footerHtml
    ? `<tr><td class="docket-muted docket-rule" style="padding:16px 28px 24px;border-top:1px solid #e2ded6;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:${muted};">${input.footerHtml}</td></tr>`
    : ""
}
</table>
</td></tr>
</table>
</body>
</html>`;
}

/** One paragraph of text: escaped, its line breaks kept. */
export function emailParagraphHtml(text: string, style = "margin:0 0 16px"): string {
  return `<p style="${style}">${escapeHtml(text).replace(/\r?\n/g, "<br>")}</p>`;
}

export function emailButtonHtml(label: string, url: string): string {
  return `<p style="margin:0 0 24px"><a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 20px;background:${emailColors.accent};color:#ffffff;text-decoration:none;border-radius:3px;font-family:Arial,Helvetica,sans-serif;font-weight:bold">${escapeHtml(label)}</a></p>`;
}

export type PlainEmail = { subject: string; text: string; html: string };

/** A short transactional email: paragraphs, one action button, and an optional closing line. */
export function composePlainEmail(input: { siteName: string; subject: string; paragraphs: string[]; action: { label: string; url: string }; closing?: string }): PlainEmail {
  const text = [...input.paragraphs, `${input.action.label}: ${input.action.url}`, ...(input.closing ? [input.closing] : [])].join("\n\n") + "\n";
  const bodyHtml = [
    ...input.paragraphs.map((paragraph) => emailParagraphHtml(paragraph)),
    emailButtonHtml(input.action.label, input.action.url),
    ...(input.closing ? [emailParagraphHtml(input.closing, "margin:0;font-size:14px")] : []),
  ].join("\n");
  return { subject: input.subject, text, html: renderEmailDocument({ siteName: input.siteName, title: input.subject, preheader: input.paragraphs[0] ?? input.subject, bodyHtml }) };
}
