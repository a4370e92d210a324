/**
 * The agreement as a standalone, print-ready HTML page: the portal's "read your agreement" view.
 * Same content and order as the PDF (agreement.typ); every text is escaped, nothing is trusted.
 */
import type { AgreementDocument, PartyBlock } from "../../../domain/agreement-document.ts";

/** The agreement as one HTML document with its own CSS (A4 when printed). */
export function renderAgreementHtml(doc: AgreementDocument): string {
  const L = doc.labels;
  const versionLine = `${L.version} ${doc.templateVersion}`;
  const footer = [doc.title, doc.controller.name, versionLine].join(" — ");
  const articles = doc.articles.map(
    (a) =>
      `<section class="article">
<h2 id="${esc(anchor("article", a.number))}"><span class="num">${esc(a.number)}.</span>${esc(a.title)}</h2>
${a.clauses.map((c) => `<div class="clause"><span class="num">${esc(c.number)}</span>${richText(c.text)}</div>`).join("\n")}
</section>`,
  );
  return `<!DOCTYPE html>
<html lang="${esc(doc.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${doc.title} — ${doc.controller.name}`)}</title>
<meta name="author" content="${esc(doc.processor.name)}">
<style>
${css(footer, L.page, L.of)}
</style>
</head>
<body>
<main class="agreement">
<header class="doc-title"><h1>${esc(doc.title)}</h1><p class="muted">${esc(versionLine)}</p></header>
<section class="parties">
<h2 id="parties">${esc(L.parties)}</h2>
<div class="party-grid">
${party(L.processorRole, doc.processor, L.kvk)}
${party(L.controllerRole, doc.controller, L.kvk)}
</div>
</section>
<section class="intro">
${doc.intro.map(richText).join("\n")}
<p class="recitals-heading"><em>${esc(doc.recitalsHeading)}</em></p>
${list(doc.recitals)}
</section>
${articles.join("\n")}
<section class="annex">
<h2 id="annex-1">${esc(L.annex1Title)}</h2>
<p class="muted">${esc(`${L.version} ${doc.annex1.version}`)}</p>
<h3>${esc(L.annex1A)}</h3>
${list(doc.annex1.services.map((s) => s.name))}
<h3>${esc(L.annex1B)}</h3>
${list(doc.annex1.purposes)}
<h3>${esc(L.annex1C)}</h3>
${list(doc.annex1.dataCategories)}
<h3>${esc(L.annex1D)}</h3>
${list(doc.annex1.subjectCategories)}
${annex1E(doc)}</section>
<section class="annex">
<h2 id="annex-2">${esc(L.annex2Title)}</h2>
${annex2(doc)}
</section>
</main>
</body>
</html>
`;
}

/**
 * A heading's id: the portal's table of contents jumps to the parties, each article and each annex
 * (`parties`, `article-<number>`, `annex-1`, `annex-2`).
 */
function anchor(prefix: string, number: string): string {
  return `${prefix}-${number.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

function party(role: string, p: PartyBlock, kvkLabel: string): string {
  const lines = [`<strong>${esc(p.name)}</strong>`];
  if (p.address !== null) {
    lines.push(esc(p.address));
  }
  const locality = [p.city, p.country].filter((x) => x !== null);
  if (locality.length > 0) {
    lines.push(esc(locality.join(", ")));
  }
  if (p.kvk !== null) {
    lines.push(esc(`${kvkLabel}: ${p.kvk}`));
  }
  return `<div class="party"><div class="role">${esc(role)}</div><p>${lines.join("<br>")}</p></div>`;
}

/**
 * 1E, the sub-processors (art. 5) and their countries (art. 3.1), as agreement.typ shows it; the
 * empty string for a document made before 1E, so that it stays as it was.
 */
function annex1E(doc: AgreementDocument): string {
  const L = doc.labels;
  const subs = doc.annex1.subprocessors;
  if (subs === undefined || (L.annex1E as string | undefined) === undefined) {
    return "";
  }
  const body =
    subs.length === 0
      ? `<p>${esc(L.annex1ENone)}</p>`
      : `<ul>${subs
          .map((s) => {
            const countries = s.countries
              .map((c) => {
                let place = c.name;
                if (c.cities.length > 0) {
                  place += ` (${c.cities.join(", ")})`;
                }
                if (c.transfer !== null) {
                  place += `, ${L.annex1ETransfer}: ${c.transfer}`;
                }
                return place;
              })
              .join("; ");
            const where = countries === "" ? "" : `<br><span class="muted">${esc(`${L.annex1ECountries}: ${countries}`)}</span>`;
            return `<li><strong>${esc(s.name)}</strong> — ${esc(s.activity)}${where}</li>`;
          })
          .join("")}</ul>`;
  return `<h3>${esc(L.annex1E)}</h3>\n${body}\n`;
}

function annex2(doc: AgreementDocument): string {
  const byCategory = new Map<string, AgreementDocument["annex2"]["measures"]>();
  for (const m of doc.annex2.measures) {
    const group = byCategory.get(m.category) ?? [];
    group.push(m);
    byCategory.set(m.category, group);
  }
  return [...byCategory]
    .map(
      ([category, measures]) =>
        `<h3>${esc(category)}</h3>\n` + measures.map((m) => `<p class="measure"><em>${esc(runIn(m.title))}</em> ${esc(m.description)}</p>`).join("\n"),
    )
    .join("\n");
}

/** A run-in title ends with a full stop unless it has its own punctuation. */
function runIn(title: string): string {
  return /[.:!?]$/.test(title) ? title : `${title}.`;
}

function list(items: string[]): string {
  if (items.length === 0) {
    return "<p>—</p>";
  }
  return `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
}

/** A text field: paragraphs separated by "\n", bullet lines ("- …", "• …") as lists (as in agreement.typ). */
function richText(text: string): string {
  const out: string[] = [];
  let items: string[] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t === "") {
      continue;
    }
    const bullet = /^[-•*]\s+/.exec(t);
    if (bullet !== null) {
      items.push(t.slice(bullet[0].length));
      continue;
    }
    if (items.length > 0) {
      out.push(list(items));
      items = [];
    }
    out.push(`<p>${esc(t)}</p>`);
  }
  if (items.length > 0) {
    out.push(list(items));
  }
  return out.join("");
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A CSS string literal; anything but plain letters, digits and spaces as a hex escape (no `</style>`). */
function cssString(s: string): string {
  let out = "";
  for (const ch of s) {
    out += /[\p{L}\p{N} .,—-]/u.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0).toString(16)} `;
  }
  return `"${out}"`;
}

function css(footer: string, page: string, of: string): string {
  return `@page {
  size: A4;
  margin: 2.2cm 2.4cm 2.5cm 2.4cm;
  @bottom-center {
    content: ${cssString(`${footer} — ${page} `)} counter(page) ${cssString(` ${of} `)} counter(pages);
    font: 8pt "Libertinus Serif", Georgia, "Times New Roman", serif;
    color: #555;
  }
}
:root { color: #111; background: #fff; }
body { margin: 0; font: 10.5pt/1.35 "Libertinus Serif", Georgia, "Times New Roman", serif; }
.agreement { max-width: 16cm; margin: 0 auto; padding: 1.5rem 1rem; }
@media print { .agreement { max-width: none; padding: 0; } }
p, li { text-align: justify; hyphens: auto; margin: 0 0 0.5em; orphans: 2; widows: 2; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 0.2em; }
h2, h3 { font-size: 10.5pt; margin: 1.5em 0 0.5em; break-after: avoid; }
h3 { margin-top: 1.1em; }
.doc-title { margin-bottom: 1.6em; }
.doc-title p { text-align: center; }
.muted { color: #555; font-size: 10pt; }
.parties h2 { margin-top: 0; }
.party-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2cm; margin-bottom: 1.2em; }
.party { break-inside: avoid; }
.party p { text-align: left; }
.role { font-size: 8.5pt; color: #555; letter-spacing: 0.05em; text-transform: uppercase; }
ul { margin: 0 0 0.5em; padding-left: 1.2em; }
li { margin-bottom: 0.2em; }
.annex li { text-align: left; }
.recitals-heading { margin-top: 1em; break-after: avoid; }
.article h2 { padding-left: 2.6em; text-indent: -2.6em; }
.num { display: inline-block; width: 2.6em; text-indent: 0; }
.clause { padding-left: 2.6em; }
.clause > .num { float: left; margin-left: -2.6em; }
.annex { break-before: page; }
.annex h2 { margin-top: 0; }
.measure { break-inside: avoid; }
.measure em { font-style: italic; }
@media screen and (max-width: 560px) {
  .agreement { padding: 1rem 0.75rem; }
  .party-grid { grid-template-columns: 1fr; gap: 0.9em; }
  p, li { text-align: left; }
}`;
}
