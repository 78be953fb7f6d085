/** The text of a PDF, read with pdf.js (no rendering). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text on a PDF page and the height it is set at, in points (its font size times any scaling). */
export interface PdfText {
  str: string;
  size: number;
}

/** Each page's runs of text, in reading order, blank ones left out. */
export async function pdfTexts(pdf: Uint8Array): Promise<PdfText[][]> {
  const task = getDocument({ data: new Uint8Array(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength)), useSystemFonts: false });
  const doc = await task.promise;
  const pages: PdfText[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((it) => ('str' in it && it.str.trim() !== '' ? [{ str: it.str, size: Math.hypot(it.transform[2] as number, it.transform[3] as number) }] : [])));
  }
  await task.destroy();
  return pages;
}

/** The text of each page of a PDF, in reading order. */
export async function pdfPages(pdf: Uint8Array): Promise<string[][]> {
  return (await pdfTexts(pdf)).map((p) => p.map((t) => t.str));
}
