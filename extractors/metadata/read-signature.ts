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
/** Office titles that sign in their own name ("BỘ TRƯỞNG", "CHỦ TỊCH", "GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"). */
const OFFICE = /TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|THỦ TƯỚNG|CHỦ NHIỆM|BÍ THƯ|CHÁNH |TỔNG |KIỂM TOÁN/u;

const NONE: Signature = { signer: null, signingCapacity: null, confidence: { signer: 0, signingCapacity: 0 } };

/** The capitalised run at the end of a line ("Nơi nhận: KT. CHỦ TỊCH" gives "KT. CHỦ TỊCH"), or null. */
function capitalsRun(line: string): string | null {
  const match = RUN.exec(line.replace(/[^\p{L}]+$/u, ''));
  if (!match) return null;
  // A full stop that is not an authority prefix's ends the text before the run ("Lưu: VT, PC. BỘ TRƯỞNG").
  let cut = 0;
  for (const stop of match[0].matchAll(/[.;]\s+/g)) if (!/(^|\s)(KT|TM|TL|TUQ|Q)$/.test(match[0].slice(0, stop.index))) cut = stop.index + stop[0].length;
  const run = match[0].slice(cut);
  const words = run.trim().split(/\s+/);
  return words.length >= 2 && words.some((w) => w.length >= 3) ? run.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ').trim() : null;
}

const nameIn = (line: string) => {
  const name = line.replace(/[^\p{L}]+$/u, '');
  return NAME.test(name) ? name : null;
};

/** From an authority prefix (TM., KT., ...) on: up to three capacity lines, then the name. */
function fromPrefix(lines: string[], start: number): Signature | null {
  const parts: string[] = [];
  let k = start;
  for (; k < Math.min(lines.length, start + 6) && parts.length < 3; k++) {
    const run = capitalsRun(lines[k]!);
    if (run) parts.push(run);
    else if (parts.length > 0 && !/\p{Lu}{2}/u.test(lines[k]!)) break;
  }
  if (parts.length === 0) return null;
  const signer = lines.slice(k, k + 6).map(nameIn).find((n) => n !== null) ?? null;
  return { signer, signingCapacity: parts.join(' / '), confidence: { signer: signer ? 0.85 : 0, signingCapacity: 0.85 } };
}

/** An office signing in its own name: its title in capitals, then the name, near the end of the text. */
function fromOffice(lines: string[]): Signature | null {
  for (let n = lines.length - 1; n >= Math.max(1, lines.length - 12); n--) {
    const signer = nameIn(lines[n]!);
    if (!signer) continue;
    const parts: string[] = [];
    for (let k = n - 1; k >= Math.max(0, n - 3); k--) {
      const run = capitalsRun(lines[k]!);
      if (!run) break;
      parts.unshift(run);
    }
    if (parts.length && OFFICE.test(parts.join(' '))) return { signer, signingCapacity: parts.join(' / '), confidence: { signer: 0.7, signingCapacity: 0.7 } };
  }
  return null;
}

export function readSignature(text: string): Signature {
  const lines = text.split(/\n/).map((l) => l.trim()).filter(Boolean);
  for (let i = 0; i < lines.length; i++) {
    if (!PREFIX.test(lines[i]!)) continue;
    const found = fromPrefix(lines, i);
    if (found) return found;
  }
  return fromOffice(lines) ?? NONE;
}
