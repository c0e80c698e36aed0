/**
 * The grammar of measurement units and money after a number: SI-style symbols with their prefixes
 * and powers ("mm", "km²", "m3/s", "kVA", "dBm"), Vietnamese measure words ("tấn", "lít"),
 * compound rates ("mm/h", "đồng/tháng") and scale words ("triệu", "tỷ"). Symbols are matched
 * case-sensitively, as written; a unit glued to its number ("61mm", "30KVA") reads the same.
 */

export interface MeasureMatch {
  /** The unit as recorded: "m3/s", "VND", "VND/tháng", "USD". */
  unit: string;
  /** Characters of the text the unit covers, from the start of the text given. */
  length: number;
  /** Multiplier of the value: "3 tỷ đồng" is 3e9 VND, "2 triệu người" 2e6. */
  scale: number;
  money: boolean;
}

const PREFIXED = '(?:[kKMGcmµnd]?(?:m|g|W|Wh|V|VA|Hz|l|bps)|[kKMGT]B|[mk]A|dBm?)';
const POWER = '(?:[23²³])?';
/** A symbol unit: "mm", "m²", "km2", "kVA", "KVA", "MW", "GHz", "ha", "ppm", "°C", "pixel". */
const SYMBOL = `(?:${PREFIXED}${POWER}|h|ha|ppm|ppb|°C|℃|pixel|px|dpi|kcal|cal|Pa|kPa|MPa|bar|atm|CV|HP|rpm|ton)`;
/** Vietnamese measure words that are units in themselves. */
const MEASURE_WORDS = [
  'mã lực',
  'héc ta',
  'hécta',
  'mét vuông',
  'mét khối',
  'ki lô mét',
  'ki-lô-mét',
  'kilômét',
  'kilômet',
  'ki lô gam',
  'kilôgam',
  'mét',
  'tấn',
  'tạ',
  'yến',
  'lít',
  'độ',
  'vôn',
  'oát',
];
const PER = '(?:s|h|giờ|phút|ngày|tháng|năm|người|ha|kg|m2|m²|m3|m³|km|ca|lượt|chiếc|tấn|lần|tuần|hộ|xe)';

/** Scale words after a number: they multiply it and leave the unit to the words after them. */
export const SCALES: Array<[RegExp, number]> = [
  [/^ngh[ìi]n\s+t[ỷỉ](?![\p{L}\p{M}])/iu, 1e12],
  [/^ng[àa]n\s+t[ỷỉ](?![\p{L}\p{M}])/iu, 1e12],
  [/^t[ỷỉ](?![\p{L}\p{M}])/iu, 1e9],
  [/^tri[ệe]u(?![\p{L}\p{M}])/iu, 1e6],
  [/^ngh[ìi]n(?![\p{L}\p{M}])/iu, 1e3],
  [/^ng[àa]n(?![\p{L}\p{M}])/iu, 1e3],
]

const SYMBOL_AT_START = new RegExp(`^(${SYMBOL})(?:\\s*/\\s*(${SYMBOL}|${PER}))?(?![\\p{L}\\d])`, 'u');
/** In a title written in capitals the symbols are too: "1 GHZ ĐẾN 40 GHZ". */
const CAPITAL_SYMBOL_AT_START = new RegExp(`^(${SYMBOL})(?![\\p{L}\\d])`, 'iu');
const WORD_AT_START = new RegExp(`^(${MEASURE_WORDS.join('|')})(?![\\p{L}\\d])`, 'iu');
/** "đồng", "đ", "VNĐ", "VND", "USD", "tr" (triệu đồng in tables), with an optional rate "/tháng". */
const MONEY_AT_START = new RegExp(`^(đồng|đ|vnđ|vnd|usd|đô la mỹ|đô la|eur|euro|yên|ndt)(?:\\s*/\\s*(${PER}|[a-z0-9²³]+))?(?![\\p{L}\\d])`, 'iu');

const GLUED_RATE = /^đồng(năm|tháng|ngày|tuần|giờ|người|hộ)(?![\p{L}\d])/iu;

const CURRENCY: Record<string, string> = { 'đồng': 'VND', 'đ': 'VND', 'vnđ': 'VND', vnd: 'VND', usd: 'USD', 'đô la mỹ': 'USD', 'đô la': 'USD', eur: 'EUR', euro: 'EUR', 'yên': 'JPY', ndt: 'CNY' };

/** The unit written right after a number (spaces allowed, or none: "61mm"), with any scale word before it. */
export function matchMeasure(after: string): MeasureMatch | null {
  const lead = /^\s*/.exec(after)![0].length;
  let at = lead;
  let scale = 1;
  for (const [pattern, factor] of SCALES) {
    const m = pattern.exec(after.slice(at));
    if (!m) continue;
    scale = factor;
    at += m[0].length;
    at += /^\s*/.exec(after.slice(at))![0].length;
    break;
  }
  const rest = after.slice(at);
  // "5 triệu đồngnăm": a rate whose slash the text lost still reads as one ("đồngnăm" is no word).
  const glued = GLUED_RATE.exec(rest);
  if (glued) return { unit: `VND/${glued[1]!.toLowerCase()}`, length: at + glued[0].length, scale, money: true };
  const money = MONEY_AT_START.exec(rest);
  if (money) {
    const currency = CURRENCY[money[1]!.toLowerCase()]!;
    return { unit: money[2] ? `${currency}/${money[2]}` : currency, length: at + money[0].length, scale, money: true };
  }
  // "82.000 tr" in a budget table: million đồng.
  if (scale === 1) {
    const tr = /^tr(?:\.|(?![\p{L}\d]))/u.exec(rest);
    if (tr) return { unit: 'VND', length: at + tr[0].length, scale: 1e6, money: true };
  }
  const symbol = SYMBOL_AT_START.exec(rest);
  if (symbol) {
    const unit = symbol[2] ? `${symbol[1]}/${symbol[2]}` : symbol[1]!;
    return { unit: unit.replace('²', '2').replace('³', '3'), length: at + symbol[0].length, scale, money: false };
  }
  const capital = /^\p{Lu}{2,}(?![\p{L}\d])/u.test(rest) ? CAPITAL_SYMBOL_AT_START.exec(rest) : null;
  if (capital) return { unit: capital[1]!, length: at + capital[0].length, scale, money: false };
  const word = WORD_AT_START.exec(rest);
  if (word) return { unit: word[1]!.toLowerCase(), length: at + word[0].length, scale, money: false };
  // "20 tỷ", "50 triệu" with nothing counted after them: an amount of đồng, as reports write it.
  if (scale >= 1e6 && !/^\s*\p{Ll}/u.test(rest)) return { unit: 'VND', length: at, scale, money: true };
  return null;
}

/** A scale word alone after a number ("2 triệu người"): its factor and length, or null. */
export function matchScale(after: string): { scale: number; length: number } | null {
  const lead = /^\s*/.exec(after)![0].length;
  for (const [pattern, factor] of SCALES) {
    const m = pattern.exec(after.slice(lead));
    if (m) return { scale: factor, length: lead + m[0].length + /^\s*/.exec(after.slice(lead + m[0].length))![0].length };
  }
  return null;
}
