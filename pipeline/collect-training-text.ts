/** Reviewers' text corrections from the record, as lines of training text for `sohoa model build`. */
import { correctedSpans, linesHolding } from '../review/training-text';
import type { Repository } from '../store/repository';

export async function collectTrainingText(repo: Repository): Promise<{ text: string; documents: number; corrections: number }> {
  const corrections = await repo.review.textCorrections(null);
  const byDocument = new Map<string, typeof corrections>();
  for (const c of corrections) byDocument.set(c.documentId, [...(byDocument.get(c.documentId) ?? []), c]);
  const lines: string[] = [];
  for (const [documentId, list] of byDocument) {
    const text = await repo.review.currentText(documentId);
    if (text) lines.push(...linesHolding(text.text, correctedSpans(list)));
  }
  return { text: lines.length ? lines.join('\n') + '\n' : '', documents: byDocument.size, corrections: corrections.length };
}
