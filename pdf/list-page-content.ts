/**
 * What a PDF page paints, read from its content streams without rendering: where each image
 * XObject lands (its transformation matrix), and whether anything else visible is painted (text
 * not in the invisible render mode, paths, shadings, inline images). Form XObjects are followed.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFPage, PDFRawStream, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';

/** [a b c d e f]: user space to page space, as in PDF. */
export type Matrix = [number, number, number, number, number, number];

export interface PlacedImage {
  stream: PDFRawStream;
  /** Maps the image's unit square to page space. */
  matrix: Matrix;
}

export interface PageContent {
  images: PlacedImage[];
  /** Visible painting other than image XObjects (text, paths, shadings, inline images). */
  otherPainting: string[];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** Form XObjects nested deeper than this are not followed: the page is rendered instead. */
const MAX_FORM_DEPTH = 4;

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

type Token = { op: string } | { operand: number | string | null };

const DELIMITER = /[\s()<>[\]{}/%]/;

/** Operators and the operands that matter here (numbers and names); strings, arrays and dictionaries are skipped. */
function* tokens(bytes: Uint8Array): Generator<Token> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '%') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (ch === '(') {
      let depth = 0;
      for (; i < n; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) break;
      }
      i++;
      yield { operand: null };
    } else if (ch === '<' && text[i + 1] === '<') {
      let depth = 0;
      for (; i < n; i++) {
        if (text[i] === '<' && text[i + 1] === '<') (depth++, i++);
        else if (text[i] === '>' && text[i + 1] === '>' && (i++, --depth === 0)) break;
      }
      i++;
      yield { operand: null };
    } else if (ch === '<') {
      i = text.indexOf('>', i) + 1 || n;
      yield { operand: null };
    } else if (ch === '[' || ch === ']' || ch === '{' || ch === '}') {
      i++;
      yield { operand: null };
    } else if (ch === '/') {
      let j = i + 1;
      while (j < n && !DELIMITER.test(text[j]!)) j++;
      yield { operand: text.slice(i + 1, j) };
      i = j;
    } else {
      let j = i;
      while (j < n && !DELIMITER.test(text[j]!)) j++;
      if (j === i) j++;
      const word = text.slice(i, j);
      i = j;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
        yield { operand: Number(word) };
      } else if (word === 'BI') {
        // An inline image: its data runs, unparsed, to the EI that follows white space.
        const end = text.slice(i).search(/\sEI(\s|$)/);
        i = end < 0 ? n : i + end + 3;
        yield { op: 'BI' };
      } else {
        yield { op: word };
      }
    }
  }
}

const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
/** Tr 3: text that paints nothing (a searchable PDF's hidden layer). */
const INVISIBLE_TEXT = 3;

function streamBytes(stream: PDFObject | undefined): Uint8Array[] {
  if (stream instanceof PDFRawStream) return [decodePDFRawStream(stream).decode()];
  return [];
}

function contentStreams(page: PDFPage, context: PDFContext): Uint8Array[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const resolved = contents instanceof PDFRef ? context.lookup(contents) : contents;
  if (resolved instanceof PDFArray) return resolved.asArray().flatMap((ref) => streamBytes(context.lookup(ref)));
  return streamBytes(resolved);
}

function numbersOf(array: PDFArray | undefined): number[] {
  return array ? array.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN)) : [];
}

export function listPageContent(page: PDFPage): PageContent {
  const context = page.doc.context;
  const result: PageContent = { images: [], otherPainting: [] };
  const walk = (streams: Uint8Array[], resources: PDFDict | undefined, start: Matrix, depth: number) => {
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const stack: Array<{ ctm: Matrix; textMode: number }> = [];
    let state = { ctm: start, textMode: 0 };
    let operands: Array<number | string | null> = [];
    for (const bytes of streams) {
      for (const token of tokens(bytes)) {
        if ('operand' in token) {
          operands.push(token.operand);
          continue;
        }
        const { op } = token;
        if (op === 'q') stack.push({ ...state });
        else if (op === 'Q') state = stack.pop() ?? state;
        else if (op === 'cm' && operands.length >= 6) {
          const m = operands.slice(-6) as number[];
          if (m.every((v) => typeof v === 'number')) state.ctm = multiply(m as Matrix, state.ctm);
        } else if (op === 'Tr' && typeof operands.at(-1) === 'number') state.textMode = operands.at(-1) as number;
        else if (TEXT_SHOWING.has(op) && state.textMode !== INVISIBLE_TEXT) result.otherPainting.push('text');
        else if (PATH_PAINTING.has(op)) result.otherPainting.push('paths');
        else if (op === 'sh') result.otherPainting.push('a shading');
        else if (op === 'BI') result.otherPainting.push('an inline image');
        else if (op === 'Do' && typeof operands.at(-1) === 'string') {
          const xobject = xobjects?.lookup(PDFName.of(operands.at(-1) as string));
          if (!(xobject instanceof PDFRawStream)) {
            result.otherPainting.push('an unreadable XObject');
          } else if (xobject.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image')) {
            result.images.push({ stream: xobject, matrix: state.ctm });
          } else if (depth < MAX_FORM_DEPTH) {
            const formMatrix = numbersOf(xobject.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray));
            const matrix = formMatrix.length === 6 && formMatrix.every(Number.isFinite) ? multiply(formMatrix as Matrix, state.ctm) : state.ctm;
            const formResources = xobject.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources;
            walk([decodePDFRawStream(xobject).decode()], formResources, matrix, depth + 1);
          } else {
            result.otherPainting.push('deeply nested forms');
          }
        }
        operands = [];
      }
    }
  };
  walk(contentStreams(page, context), page.node.Resources(), IDENTITY, 0);
  return result;
}
