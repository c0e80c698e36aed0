/**
 * Scores extracted document metadata against hand-made gold, field by field. Values are compared
 * as a reader would: spacing, quote style and letter case do not matter; a field the page leaves
 * blank is right only when it is extracted as null.
 */
import { z } from 'zod';
import type { DocumentMetadata } from '../core/contracts';

export const METADATA_FIELDS = ['type', 'number', 'date', 'issuer', 'place', 'title', 'signer', 'signingCapacity'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export const GoldMetadata = z.object(Object.fromEntries(METADATA_FIELDS.map((f) => [f, z.string().nullable()])) as Record<MetadataField, z.ZodNullable<z.ZodString>>).loose();
export type GoldMetadata = z.infer<typeof GoldMetadata>;

export interface MetadataScore {
  doc: string;
  fields: Array<{ field: MetadataField; gold: string | null; found: string | null; right: boolean }>;
}

export function normalizeField(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const plain = value
    .normalize('NFC')
    .replace(/[“”„]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/\s*([/,-])\s*/g, '$1')
    .trim()
    .toLowerCase();
  return plain === '' ? null : plain;
}

export function scoreMetadata(doc: string, gold: GoldMetadata, found: DocumentMetadata): MetadataScore {
  return {
    doc,
    fields: METADATA_FIELDS.map((field) => {
      const expected = gold[field] ?? null;
      const got = found[field] ?? null;
      return { field, gold: expected, found: got, right: normalizeField(expected) === normalizeField(got) };
    }),
  };
}

export function formatMetadataScores(scores: MetadataScore[]): string {
  const width = Math.max(24, ...scores.map((s) => s.doc.length + 1));
  const cell = (right: boolean) => (right ? '✓' : '✗').padStart(7);
  const lines = [`${'document'.padEnd(width)} ${METADATA_FIELDS.map((f) => f.slice(0, 7).padStart(7)).join(' ')}   right`];
  for (const s of scores) {
    const right = s.fields.filter((f) => f.right).length;
    lines.push(`${s.doc.padEnd(width)} ${s.fields.map((f) => cell(f.right)).join(' ')}   ${right}/${s.fields.length}`);
  }
  const all = scores.flatMap((s) => s.fields);
  const right = all.filter((f) => f.right).length;
  const perField = METADATA_FIELDS.map((field) => {
    const of = all.filter((f) => f.field === field);
    return `${Math.round((100 * of.filter((f) => f.right).length) / Math.max(1, of.length))}%`.padStart(7);
  });
  lines.push(`${'overall'.padEnd(width)} ${perField.join(' ')}   ${right}/${all.length} (${((100 * right) / Math.max(1, all.length)).toFixed(1)}%)`);
  return lines.join('\n') + '\n';
}
