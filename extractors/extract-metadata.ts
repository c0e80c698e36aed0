/**
 * Document metadata from the first page and the signature block of a Vietnamese state document:
 * type, number (416/QĐ-UBND), date, issuer, place, title, signer and signing capacity, each with a
 * confidence. The page is read on the template of Decree 30/2020/NĐ-CP (metadata/header-zones.ts);
 * a field the page leaves blank, or that cannot be read, is null.
 */
import type { DocumentMetadata, MetadataConfidence } from '../core/contracts';
import { typeOfCode, typeOfHeading, TYPE_CODES } from './metadata/document-types';
import { findHeaderZones, foldInPlace, type HeaderZones } from './metadata/header-zones';
import { readNumber, type DocumentNumber } from './metadata/read-number';
import { readPlaceDate } from './metadata/read-place-date';
import { readSignature } from './metadata/read-signature';
import { readTitle } from './metadata/read-title';

export { normaliseCode } from './metadata/read-number';

const PROVINCE = /t[iỉ]nh[ \t]+([A-ZĐÂĂÊÔƠƯ][\p{L}]*(?:[ \t]+[A-ZĐÂĂÊÔƠƯ][\p{L}]*){0,2})/u;

interface TypeReading {
  type: string | null;
  confidence: number;
  headingLine: number;
}

/** The heading in capitals names the type; the number's code letters and a "V/v" line confirm it or stand in. */
function readType(zones: HeaderZones, number: DocumentNumber): TypeReading {
  let heading: { name: string; exact: boolean } | null = null;
  let headingLine = -1;
  for (let i = 0; i < zones.bodyStart && heading === null; i++) {
    if (i === zones.numberLine || i === zones.placeDateLine) continue;
    heading = typeOfHeading(zones.lines[i]!);
    if (heading) headingLine = i;
  }
  const letters = number.code?.split('-') ?? [];
  const byCode = letters.length > 1 ? typeOfCode(letters[0]!) : null;
  // A Công văn's number has no type letters: its code is the issuer's abbreviation ("VPCP-CN").
  const noTypeLetters = letters.length > 1 && byCode === null && !TYPE_CODES.some((c) => c.toUpperCase() === letters[0]!.toUpperCase());
  const vv = zones.lines.slice(0, zones.bodyStart).some((l) => /^v\s*\/\s*v\b/.test(foldInPlace(l.trim())));
  if (heading) {
    const agrees = byCode === heading.name;
    return { type: heading.name, confidence: heading.exact ? (agrees ? 0.97 : 0.9) : agrees ? 0.9 : 0.6, headingLine };
  }
  if (byCode) return { type: byCode, confidence: 0.75, headingLine };
  if (vv) return { type: 'Công văn', confidence: noTypeLetters ? 0.9 : 0.8, headingLine };
  if (noTypeLetters) return { type: 'Công văn', confidence: 0.5, headingLine };
  return { type: null, confidence: 0, headingLine };
}

export function extractMetadata(text: string): DocumentMetadata {
  const zones = findHeaderZones(text);
  const number = readNumber(zones.numberText);
  const { place, date, confidence: placeDateConfidence } = readPlaceDate(zones.placeDateText);
  const type = readType(zones, number);
  const issuerLines = zones.issuerLines.filter((l) => typeOfHeading(l) === null);
  const issuer = issuerLines.length ? issuerLines.join(' ') : null;
  const { title, confidence: titleConfidence } = readTitle(zones, type.headingLine);
  const signature = readSignature(text);

  const headText = zones.lines.filter((l) => l.trim() !== '').slice(0, 25).join('\n');
  const provinceMatch = PROVINCE.exec(headText) ?? PROVINCE.exec(text.slice(0, 3000));
  const province = provinceMatch ? provinceMatch[1]!.replace(/\s+(năm|nam|về|ve)$/u, '').trim() : null;
  const titleYear = title ? /(?:19|20)\d{2}/.exec(title) : null;
  const year = titleYear ? Number(titleYear[0]) : date ? Number(date.slice(0, 4)) : null;

  const found: Omit<DocumentMetadata, 'confidence'> = {
    type: type.type,
    number: number.number,
    date,
    issuer,
    place,
    title,
    signer: signature.signer,
    signingCapacity: signature.signingCapacity,
    province,
    year,
  };
  const scores: Required<MetadataConfidence> = {
    type: type.confidence,
    number: number.confidence,
    date: placeDateConfidence.date,
    issuer: zones.mottoFound ? 0.9 : 0.6,
    place: placeDateConfidence.place,
    title: titleConfidence,
    signer: signature.confidence.signer,
    signingCapacity: signature.confidence.signingCapacity,
  };
  // A confidence for every field found; a null field has none.
  const confidence = Object.fromEntries(Object.entries(scores).filter(([field]) => found[field as keyof MetadataConfidence] !== null)) as MetadataConfidence;
  return { ...found, confidence };
}
