/**
 * The signature block at bottom right: the signing capacity ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
 * PHÓ CHỦ TỊCH", "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM", "TL. ...", "TUQ. ...", "Q. ...") and,
 * below the signature, the signer's name. Scans put it wherever the page ends and two-column
 * layouts run it into the "Nơi nhận:" list, so the capitalised run at the end of each line is taken
 * from the first authority prefix on.
 */
export interface Signature {
  signer: string | null;
  signingCapacity: string | null;
  confidence: { signer: number; signingCapacity: number };
}

const PREFIX = /(^|\s)(KT|TM|TL|TUQ|Q)\.\s*\p{Lu}/u;
const RUN = /((?:KT|TM|TL|TUQ|Q)\.\s*)?\p{Lu}[\p{Lu}\p{M} .,]*\p{Lu}$/u;
const NAME = /^(\p{Lu}\p{Ll}+\s){1,4}\p{Lu}\p{Ll}+$/u;

export function readSignature(text: string): Signature {
  const lines = text.split(/\n/).map((l) => l.trim()).filter(Boolean);
  const start = lines.findIndex((l) => PREFIX.test(l));
  if (start < 0) return { signer: null, signingCapacity: null, confidence: { signer: 0, signingCapacity: 0 } };
  const parts: string[] = [];
  let k = start;
  for (; k < Math.min(lines.length, start + 6) && parts.length < 3; k++) {
    const line = lines[k]!.replace(/[^\p{L}]+$/u, '');
    const run = RUN.exec(line);
    const words = run ? run[0].trim().split(/\s+/) : [];
    if (words.length >= 2 && words.some((w) => w.length >= 3)) parts.push(run![0].replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ').trim());
    else if (parts.length > 0 && words.length === 0) break;
  }
  const signingCapacity = parts.length ? parts.join(' / ') : null;
  const signer = lines.slice(k, k + 6).find((l) => NAME.test(l)) ?? null;
  return { signer, signingCapacity, confidence: { signer: signer ? 0.85 : 0, signingCapacity: signingCapacity ? 0.85 : 0 } };
}
