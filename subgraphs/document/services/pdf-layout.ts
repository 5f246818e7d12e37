import { Parser } from 'htmlparser2';
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

/** A run of text in one style: what the layout places, line by line. */
interface Block {
  kind: 'h1' | 'h2' | 'h3' | 'p' | 'li';
  text: string;
}

const BLOCK_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'li', 'div', 'tr', 'br', 'h4', 'h5', 'h6']);

/**
 * The block structure of rendered HTML: headings, paragraphs, list items and table rows (cells
 * joined by tabs' worth of space). Enough for generated business documents; not a browser.
 */
export function htmlBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  const flush = () => {
    if (current && current.text.trim()) blocks.push({ kind: current.kind, text: current.text.replace(/\s+/g, ' ').trim() });
    current = null;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (BLOCK_TAGS.has(name)) {
          flush();
          const kind = name === 'h1' || name === 'h2' || name === 'h3' || name === 'li' ? name : name.startsWith('h') ? 'h3' : 'p';
          current = { kind, text: '' };
        } else if (name === 'td' || name === 'th') {
          current ??= { kind: 'p', text: '' };
          if (current.text.trim()) current.text += '    ';
        }
      },
      ontext(text) {
        current ??= { kind: 'p', text: '' };
        current.text += text;
      },
      onclosetag(name) {
        if (BLOCK_TAGS.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 }; // A4 in points
const STYLE: Record<Block['kind'], { size: number; bold: boolean; before: number; indent: number }> = {
  h1: { size: 20, bold: true, before: 14, indent: 0 },
  h2: { size: 15, bold: true, before: 12, indent: 0 },
  h3: { size: 12.5, bold: true, before: 10, indent: 0 },
  p: { size: 11, bold: false, before: 6, indent: 0 },
  li: { size: 11, bold: false, before: 3, indent: 14 },
};

/** Splits text into lines no wider than `width` at `size`; a word longer than a line is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The standard fonts speak WinAnsi; anything else becomes '?' rather than failing the document. */
const printable = (text: string) => text.replace(/[^\x20-\x7E\xA0-\xFF€‘’“”–—•…]/g, '?');

/**
 * Lays rendered HTML out as a real PDF (pdf-lib, standard Helvetica): headings, paragraphs and
 * bulleted list items, wrapped to the page width and flowing over as many A4 pages as needed.
 */
export async function htmlToPdf(html: string, title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setProducer('building-blocks supergraph');
  pdf.setCreationDate(new Date());
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  for (const block of htmlBlocks(html)) {
    const style = STYLE[block.kind];
    const font = style.bold ? bold : regular;
    const leading = style.size * 1.35;
    const text = printable(block.kind === 'li' ? `• ${block.text}` : block.text);
    y -= style.before;
    for (const line of wrap(text, font, style.size, PAGE.width - 2 * PAGE.margin - style.indent)) {
      if (y - leading < PAGE.margin) {
        page = pdf.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      y -= leading;
      page.drawText(line, { x: PAGE.margin + style.indent, y, size: style.size, font });
    }
  }
  return pdf.save();
}
