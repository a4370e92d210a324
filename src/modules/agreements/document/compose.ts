/**
 * Draws pages of other PDFs under the pages of one PDF: an agreement's layers typeset once (the
 * template's text, an Annex 1) under its customer layer (see pdf.ts and agreement.typ).
 *
 * Only for PDFs as Typst 0.14 writes them without tags: a classic cross-reference table, no object
 * streams, pages with an inline /Resources dictionary and one content stream. Each layer page
 * becomes a form XObject with its own resources (its fonts, subset for that layer's text), drawn
 * first on the customer's page by a three-operator content stream ("q /Sh Do Q"). The customer
 * layer keeps everything else: catalog, outline, metadata, /ID. Anything unexpected returns null
 * and the caller typesets the document whole instead.
 *
 * Deterministic: the output depends only on the bytes of the PDFs.
 *
 * Why by hand and not pdf-lib (measured on the bench's 200 agreements): pdf-lib's embedPages
 * recompresses every page per document (28-36 ms/doc, files 2.7x larger); its low-level copier
 * takes 4-7 ms/doc, which brings the agreement bench to 8-10x Chromium (below the 10x bar),
 * and its API is async only. This file takes 0.5 ms/doc and accepts only what Typst writes.
 */

/** A PDF's objects by number, as byte ranges. */
export interface PdfFile {
  bytes: Buffer;
  /** The same bytes as a latin1 string (one char per byte), for searching dictionaries. */
  text: string;
  /** Start of object n at offsets[n]; offsets[0] is unused. */
  offsets: number[];
  /** End (exclusive) of object n: the next object's start, or the xref table's. */
  ends: number[];
  /** The trailer dictionary, from "<<" to ">>". */
  trailer: string;
}

/** Parses a PDF's cross-reference table; null if it is not laid out as this module expects. */
export function parsePdf(data: Uint8Array): PdfFile | null {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const text = bytes.toString("latin1");
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (sx?.[1] === undefined) {
    return null;
  }
  const xref = Number(sx[1]);
  const head = /^xref\r?\n0 (\d+)\r?\n/.exec(text.slice(xref, xref + 32));
  if (head?.[1] === undefined) {
    return null;
  }
  const size = Number(head[1]);
  const entries = xref + head[0].length;
  const offsets: number[] = [0];
  for (let n = 1; n < size; n++) {
    const at = entries + n * 20;
    if (text.charCodeAt(at + 17) !== 110 /* n */) {
      return null; // a free or compressed entry: not written by Typst this way
    }
    offsets.push(Number(text.slice(at, at + 10)));
  }
  const order = offsets
    .map((o, n) => [o, n] as const)
    .slice(1)
    .sort((a, b) => a[0] - b[0]);
  const ends: number[] = new Array<number>(size).fill(0);
  for (let i = 0; i < order.length; i++) {
    const [, n] = order[i] ?? [0, 0];
    ends[n] = order[i + 1]?.[0] ?? xref;
  }
  const trailerAt = text.indexOf("trailer", entries + (size - 1) * 20);
  const trailerEnd = text.lastIndexOf("startxref");
  if (trailerAt < 0 || trailerEnd < trailerAt) {
    return null;
  }
  const trailer = text.slice(text.indexOf("<<", trailerAt), text.lastIndexOf(">>", trailerEnd) + 2);
  return { bytes, text, offsets, ends, trailer };
}

/** Object n's text up to its stream data (or its end): "n 0 obj\n<< … >>". */
function objectHead(pdf: PdfFile, n: number): string {
  const start = pdf.offsets[n] ?? 0;
  const end = pdf.ends[n] ?? 0;
  const body = pdf.text.slice(start, end);
  const stream = /\bstream\r?\n/.exec(body);
  return stream === null ? body : body.slice(0, stream.index);
}

/** The dictionary (or array) in an object's text: everything between "obj" and "endobj"/"stream". */
function objectValue(head: string): string {
  const value = head.slice(head.indexOf("obj") + 3);
  const end = value.lastIndexOf("endobj");
  return (end < 0 ? value : value.slice(0, end)).trim();
}

/**
 * Splits PDF syntax into text and its indirect references ("12 0 R" becomes 12), skipping
 * strings, whose bytes may look like anything.
 */
export function splitReferences(s: string): (string | number)[] {
  const out: (string | number)[] = [];
  const ref = /(\d+) 0 R(?![A-Za-z0-9])/y;
  let from = 0;
  let i = 0;
  while (i < s.length) {
    const ch = s.charCodeAt(i);
    if (ch === 40 /* ( */) {
      let depth = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === 92 /* \ */) {
          i++;
        } else if (c === 40) {
          depth++;
        } else if (c === 41 /* ) */) {
          depth--;
          if (depth === 0) {
            break;
          }
        }
      }
      i++;
    } else if (ch === 60 /* < */ && s.charCodeAt(i + 1) !== 60) {
      const close = s.indexOf(">", i);
      i = close < 0 ? s.length : close + 1;
    } else if (ch === 60) {
      i += 2;
    } else if (ch >= 48 && ch <= 57 && !isRegular(s.charCodeAt(i - 1))) {
      ref.lastIndex = i;
      const m = ref.exec(s);
      if (m?.[1] !== undefined) {
        out.push(s.slice(from, i), Number(m[1]));
        i = ref.lastIndex;
        from = i;
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
  out.push(s.slice(from));
  return out;
}

function isRegular(c: number): boolean {
  // A letter, digit, ".", "-" or "+" continues a token (NaN, before the start, does not).
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45 || c === 43;
}

/** The pages of a PDF in order, as object numbers. */
function pageList(pdf: PdfFile): number[] | null {
  const root = /\/Root (\d+) 0 R/.exec(pdf.trailer)?.[1];
  const catalog = root === undefined ? "" : objectValue(objectHead(pdf, Number(root)));
  const pagesRef = /\/Pages (\d+) 0 R/.exec(catalog)?.[1];
  if (pagesRef === undefined) {
    return null;
  }
  const pages: number[] = [];
  const walk = (n: number, depth: number): boolean => {
    const node = objectValue(objectHead(pdf, n));
    if (/\/Type\s*\/Page\b(?!s)/.test(node)) {
      pages.push(n);
      return true;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1];
    if (kids === undefined || depth > 8) {
      return false;
    }
    return splitReferences(kids)
      .filter((x): x is number => typeof x === "number")
      .every((kid) => walk(kid, depth + 1));
  };
  return walk(Number(pagesRef), 0) ? pages : null;
}

/** The value of a dictionary entry whose value is a dictionary: "/Key << … >>", nesting counted. */
function dictEntry(dict: string, key: string): { start: number; end: number } | null {
  const at = new RegExp(`${key}\\s*<<`).exec(dict);
  if (at === null) {
    return null;
  }
  const start = dict.indexOf("<<", at.index);
  let depth = 0;
  for (let i = start; i < dict.length - 1; i++) {
    if (dict[i] === "<" && dict[i + 1] === "<") {
      depth++;
      i++;
    } else if (dict[i] === ">" && dict[i + 1] === ">") {
      depth--;
      i++;
      if (depth === 0) {
        return { start, end: i + 1 };
      }
    } else if (dict[i] === "(") {
      return null; // strings in a resource dictionary: not Typst's, do not guess
    }
  }
  return null;
}

/** One shared page, ready to be drawn on another PDF's page as a form XObject. */
interface SharedPage {
  /** The form XObject: its object text split at references (numbers are ranks, see below). */
  form: (string | number)[];
  /** Its stream data and end ("…endstream\nendobj\n"). */
  tail: Buffer;
}

/**
 * A PDF's pages prepared once for drawing under other PDFs' pages: its objects renumbered from 0
 * in the order written (`rank`), so that placing them after another PDF's objects only adds an
 * offset.
 */
export interface SharedLayer {
  pageCount: number;
  pages: SharedPage[];
  /** The objects the pages need (fonts and their files, colour spaces), split like `form`. */
  objects: { head: (string | number)[]; tail: Buffer }[];
}

/** Prepares `pdf`'s pages as form XObjects; null if its layout is not the expected one. */
export function prepareSharedLayer(data: Uint8Array): SharedLayer | null {
  const pdf = parsePdf(data);
  const pages = pdf === null ? null : pageList(pdf);
  if (pdf === null || pages === null) {
    return null;
  }
  // Each page: its resources (inline) and its single content stream.
  const found: { resources: string; contents: number; mediaBox: string }[] = [];
  for (const n of pages) {
    const dict = objectValue(objectHead(pdf, n));
    const res = dictEntry(dict, "/Resources");
    const contents = /\/Contents (\d+) 0 R/.exec(dict)?.[1];
    const mediaBox = /\/MediaBox\s*(\[[^\]]*\])/.exec(dict)?.[1];
    if (res === null || contents === undefined || mediaBox === undefined || /\/Annots|\/Group/.test(dict)) {
      return null;
    }
    found.push({ resources: dict.slice(res.start, res.end), contents: Number(contents), mediaBox });
  }
  // Everything the resources reference, transitively; content streams are handled as forms.
  const contentObjects = new Set(found.map((p) => p.contents));
  const needed = new Set<number>();
  const visit = (s: string): void => {
    for (const part of splitReferences(s)) {
      if (typeof part === "number" && !needed.has(part) && !contentObjects.has(part)) {
        needed.add(part);
        visit(objectValue(objectHead(pdf, part)));
      }
    }
  };
  for (const p of found) {
    visit(p.resources);
  }
  // Ranks: forms first (page order), then the resources' objects in file order.
  const rank = new Map<number, number>();
  found.forEach((p, i) => rank.set(p.contents, i));
  const resourceObjects = [...needed].sort((a, b) => a - b);
  resourceObjects.forEach((n, i) => rank.set(n, found.length + i));
  const renumber = (s: string): (string | number)[] | null => {
    const parts = splitReferences(s);
    for (let i = 1; i < parts.length; i += 2) {
      const r = rank.get(parts[i] as number);
      if (r === undefined) {
        return null;
      }
      parts[i] = r;
    }
    return parts;
  };
  const tailOf = (n: number, head: string): Buffer => pdf.bytes.subarray((pdf.offsets[n] ?? 0) + head.length, pdf.ends[n] ?? 0);

  const sharedPages: SharedPage[] = [];
  for (const p of found) {
    const head = objectHead(pdf, p.contents);
    const dict = objectValue(head);
    if (!dict.startsWith("<<") || /\/Type|\/Subtype|\/Resources|\/BBox/.test(dict)) {
      return null;
    }
    const form = renumber(`<<\n  /Type /XObject\n  /Subtype /Form\n  /BBox ${p.mediaBox}\n  /Resources ${p.resources}\n${dict.slice(2).replace(/^\n/, "")}\n`);
    if (form === null) {
      return null;
    }
    sharedPages.push({ form, tail: tailOf(p.contents, head) });
  }
  const objects: SharedLayer["objects"] = [];
  for (const n of resourceObjects) {
    const head = objectHead(pdf, n);
    const value = renumber(head.slice(head.indexOf("obj") + 3).replace(/^\r?\n/, ""));
    if (value === null) {
      return null;
    }
    objects.push({ head: value, tail: tailOf(n, head) });
  }
  return { pageCount: pages.length, pages: sharedPages, objects };
}

const PREFIX_STREAM = "<<\n  /Length 11\n>>\nstream\nq\n/Sh Do\nQ\nendstream\nendobj\n\n";

/**
 * `base` with, under each page i, page `map[i].page` of layer `layers[map[i].layer]` (0-based; null
 * for none). Null if `base` is not laid out as expected.
 */
export function drawSharedPages(base: Uint8Array, layers: SharedLayer[], map: ({ layer: number; page: number } | null)[]): Uint8Array | null {
  const pdf = parsePdf(base);
  const pages = pdf === null ? null : pageList(pdf);
  if (pdf === null || pages === null || pages.length !== map.length) {
    return null;
  }
  const size = pdf.offsets.length;
  const prefix = size; // the "q /Sh Do Q" stream
  // Layer l's object of rank r is object firsts[l] + r.
  const firsts: number[] = [];
  let next = size + 1;
  for (const layer of layers) {
    firsts.push(next);
    next += layer.pages.length + layer.objects.length;
  }
  const newSize = next;
  const replaced = new Map<number, string>();
  for (const [i, n] of pages.entries()) {
    const m = map[i] ?? null;
    if (m === null) {
      continue;
    }
    const layer = layers[m.layer];
    const first = firsts[m.layer];
    if (layer === undefined || first === undefined || m.page < 0 || m.page >= layer.pages.length) {
      return null;
    }
    const head = objectHead(pdf, n);
    const dict = head.slice(head.indexOf("obj") + 3);
    const res = dictEntry(dict, "/Resources");
    const contents = /\/Contents (\d+) 0 R/.exec(dict);
    if (res === null || /\/XObject/.test(dict.slice(res.start, res.end))) {
      return null;
    }
    const xobject = `\n    /XObject <<\n      /Sh ${first + m.page} 0 R\n    >>`;
    let out = `${dict.slice(0, res.start + 2)}${xobject}${dict.slice(res.start + 2)}`;
    if (contents === null) {
      if (/\/Contents/.test(dict)) {
        return null;
      }
      out = out.replace(/>>\s*endobj\s*$/, `  /Contents ${prefix} 0 R\n>>\nendobj\n\n`);
    } else {
      out = out.replace(contents[0], `/Contents [${prefix} 0 R ${contents[1]} 0 R]`);
    }
    replaced.set(n, `${n} 0 obj${out}`);
  }

  const chunks: Buffer[] = [];
  const offsets: number[] = [0];
  const firstObject = Math.min(...pdf.offsets.slice(1));
  chunks.push(pdf.bytes.subarray(0, firstObject));
  let at = firstObject;
  const push = (b: Buffer): void => {
    chunks.push(b);
    at += b.length;
  };
  // The base's objects in their order in the file (offsets must point at each).
  const order = pdf.offsets
    .map((o, n) => [o, n] as const)
    .slice(1)
    .sort((a, b) => a[0] - b[0]);
  for (const [, n] of order) {
    offsets[n] = at;
    const r = replaced.get(n);
    push(r === undefined ? pdf.bytes.subarray(pdf.offsets[n], pdf.ends[n]) : Buffer.from(r, "latin1"));
  }
  offsets[prefix] = at;
  push(Buffer.from(`${prefix} 0 obj\n${PREFIX_STREAM}`, "latin1"));
  for (const [l, layer] of layers.entries()) {
    const first = firsts[l] ?? 0;
    const join = (parts: (string | number)[]): string => parts.map((p) => (typeof p === "number" ? `${first + p} 0 R` : p)).join("");
    const objects = [...layer.pages.map((p) => ({ head: p.form, tail: p.tail })), ...layer.objects];
    for (const [r, o] of objects.entries()) {
      offsets[first + r] = at;
      push(Buffer.from(`${first + r} 0 obj\n${join(o.head)}`, "latin1"));
      push(o.tail);
    }
  }
  const xref = at;
  let table = `xref\n0 ${newSize}\n0000000000 65535 f\r\n`;
  for (let n = 1; n < newSize; n++) {
    table += `${String(offsets[n]).padStart(10, "0")} 00000 n\r\n`;
  }
  const trailer = pdf.trailer.replace(/\/Size \d+/, `/Size ${newSize}`);
  push(Buffer.from(`${table}trailer\n${trailer}\nstartxref\n${xref}\n%%EOF`, "latin1"));
  const out = Buffer.concat(chunks);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
