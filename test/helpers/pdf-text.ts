/** The text of each page of a PDF, in reading order, read with pdf.js (no rendering). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfPages(pdf: Uint8Array): Promise<string[][]> {
  const task = getDocument({ data: new Uint8Array(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength)), useSystemFonts: false });
  const doc = await task.promise;
  const pages: string[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((it) => ('str' in it && it.str.trim() !== '' ? [it.str] : [])));
  }
  await task.destroy();
  return pages;
}
