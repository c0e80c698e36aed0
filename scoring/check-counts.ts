/**
 * Checks on counts within one document: a list of entities against the count the text states
 * for it ("15 đơn vị cấp huyện … gồm: Pleiku 22/22, …" lists 17), a breakdown's entities against
 * the level's denominator (17 districts of 17/17), the denominators of one level against each
 * other (220 communes everywhere), table totals against the same figure in the text, a stated
 * ranking against its scores; and the figures the document implies, as information.
 */
import type { CheckResult, Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { derive, DERIVATIONS } from './derive-indicators';
import { breakdownsOf, isHeadline } from './headline-records';

const levelOf = (i: Indicator): Indicator['level'] => i.level ?? (i.unit === 'xã' ? 'commune' : null);

/** "đã có 15 đơn vị cấp huyện triển khai … (184/220 xã) …; gồm: <17 districts>": is 15 any count of the list? */
function listedEntityChecks(doc: string, text: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const { total, parts } of breakdownsOf(indicators)) {
    const stated = indicators[total - 1];
    if (!stated || !isHeadline(stated) || stated.denominator !== null || stated.unit === '%') continue;
    if (/[.;!?]\s/.test(text.slice(stated.span[1], indicators[total]!.span[0]))) continue; // another sentence
    const records = parts.map((k) => indicators[k]!);
    const computed = {
      listed: records.length,
      withAny: records.filter((r) => r.value > 0).length,
      complete: records.filter((r) => r.value === r.denominator).length,
    };
    out.push({
      id: `${doc}:listed-count:${stated.span[0]}`,
      description: `${stated.value} ${stated.unit ?? ''} stated vs the ${records.length} entities listed after it (any / complete coverage)`.replace(/\s+/g, ' '),
      documents: [doc],
      result: Object.values(computed).includes(stated.value) ? 'holds' : 'fails',
      computed,
      stated: stated.value,
      indicators: [total - 1, total, ...parts],
    });
  }
  return out;
}

/** A district breakdown lists as many districts as the document's district denominator (17/17 đơn vị cấp huyện). */
function breakdownSizeChecks(doc: string, indicators: Indicator[]): CheckResult[] {
  const districtDenominators = indicators.filter((i) => isHeadline(i) && i.level === 'district' && i.denominator !== null).map((i) => i.denominator!);
  if (districtDenominators.length === 0) return [];
  const size = Math.max(...districtDenominators);
  return breakdownsOf(indicators)
    .filter(({ parts }) => parts.every((k) => indicators[k]!.level === 'district'))
    .map(({ total, parts }) => ({
      id: `${doc}:breakdown-size:${indicators[total]!.span[0]}`,
      description: `${parts.length} districts in the breakdown of ${indicators[total]!.key} = the document's ${size} districts`,
      documents: [doc],
      result: parts.length === size ? ('holds' as const) : ('fails' as const),
      computed: parts.length,
      stated: size,
      indicators: [total, ...parts],
    }));
}

/** Every fraction over one level's units has one denominator: 220 communes for the one-stop software and for video links. */
function levelDenominatorChecks(doc: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const level of ['district', 'commune'] as const) {
    const involved = indicators.map((i, k) => ({ i, k })).filter(({ i }) => isHeadline(i) && i.denominator !== null && levelOf(i) === level);
    if (new Set(involved.map(({ i }) => i.key)).size < 2) continue;
    const denominators = [...new Set(involved.map(({ i }) => i.denominator!))];
    out.push({
      id: `${doc}:level-denominators:${level}`,
      description: `every ${level}-level fraction counts the same number of ${level === 'district' ? 'districts' : 'communes'}`,
      documents: [doc],
      result: denominators.length === 1 ? 'holds' : 'fails',
      computed: involved.map(({ i }) => `${i.value}/${i.denominator}`),
      stated: Math.max(...denominators),
      indicators: involved.map(({ k }) => k),
    });
  }
  return out;
}

/** A table's total row and the same key's figure in the text agree ("405 dịch vụ mức độ 3" and the appendix total). */
function tableTextChecks(doc: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  indicators.forEach((total, i) => {
    if (!total.flags.includes('table-total') || total.key === 'unclassified') return;
    const inText = indicators.map((x, k) => ({ x, k })).filter(({ x }) => isHeadline(x) && x.key === total.key && x.denominator === null);
    if (inText.length === 0) return;
    const agree = inText.find(({ x }) => x.value === total.value);
    out.push({
      id: `${doc}:table-text:${total.span[0]}`,
      description: `${total.key}: the table total ${total.value} = the figure in the text`,
      documents: [doc],
      result: agree ? 'holds' : 'fails',
      computed: total.value,
      stated: inText.map(({ x }) => x.value),
      indicators: [i, ...(agree ? [agree.k] : inText.map(({ k }) => k))],
    });
  });
  return out;
}

/** Figures the document implies (total IT spending, the online share of dossiers), as information. */
function derivedFigures(doc: string, indicators: Indicator[]): CheckResult[] {
  return DERIVATIONS.flatMap((d) => {
    const derived = derive(d, indicators);
    return derived ? [{ id: `${doc}:derived:${d.id}`, description: `derived: ${d.description}`, documents: [doc], result: 'info' as const, computed: derived.value, stated: null, indicators: derived.indexes }] : [];
  });
}

/**
 * A stated ranking agrees with the scores beside it: in a passage that ranks units ("Đứng đầu là …
 * đạt 117,69 điểm, tiếp sau thứ 2 là … đạt 117,08 điểm; … đứng cuối … 127,61 điểm"), the scores
 * named before "đứng cuối" do not rise, and those after it stay below them.
 */
function rankingOrderChecks(doc: string, text: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  const scores = indicators.map((i, k) => ({ i, k })).filter(({ i }) => i.unit === 'điểm' && i.entity === null && !i.flags.includes('table'));
  const paragraphOf = (at: number) => text.lastIndexOf('\n', at);
  const paragraphs = new Map<number, typeof scores>();
  for (const s of scores) paragraphs.set(paragraphOf(s.i.span[0]), [...(paragraphs.get(paragraphOf(s.i.span[0])) ?? []), s]);
  for (const [start, group] of paragraphs) {
    if (group.length < 2) continue;
    const paragraph = fold(text.slice(start + 1, group[group.length - 1]!.i.span[1]));
    if (!/dung dau|thu nhat|xep hang/.test(paragraph)) continue;
    const bottomAt = paragraph.search(/dung cuoi/);
    const isBottom = (s: (typeof group)[number]) => bottomAt >= 0 && s.i.span[0] - (start + 1) > bottomAt;
    const top = group.filter((s) => !isBottom(s)).map((s) => s.i.value);
    const bottom = group.filter(isBottom).map((s) => s.i.value);
    const ordered = top.every((v, n) => n === 0 || v <= top[n - 1]!) && bottom.every((v) => top.length === 0 || v < Math.min(...top));
    out.push({
      id: `${doc}:ranking-order:${start + 1}`,
      description: 'a stated ranking agrees with the scores given for it',
      documents: [doc],
      result: ordered ? 'holds' : 'fails',
      computed: { top, bottom },
      stated: null,
      indicators: group.map((s) => s.k),
    });
  }
  return out;
}

/**
 * A total the text gives for units of one level ("17 Sở, ban ngành … cung cấp 405 dịch vụ mức độ 3")
 * equals the table rows of that level, not the table's grand total when other levels add to it.
 */
function levelTotalChecks(doc: string, text: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  indicators.forEach((total, t) => {
    if (!total.flags.includes('table-total')) return;
    const column = total.phrase.slice(total.phrase.lastIndexOf('['));
    const rows = indicators.map((x, k) => ({ x, k })).filter(({ x }) => x.flags.includes('table') && !x.flags.includes('table-total') && x.phrase.endsWith(column));
    indicators.forEach((stated, s) => {
      if (!isHeadline(stated) || stated.key !== total.key || stated.denominator !== null) return;
      // The units the text credits with the figure: a count of one level in the same sentence before it.
      const sameSentence = (u: Indicator) => u.span[1] <= stated.span[0] && stated.span[0] - u.span[1] < 400 && !/[.;!?]\s/.test(text.slice(u.span[1], stated.span[0]));
      const units = indicators.find((u) => isHeadline(u) && u.unit === 'đơn vị' && u.level !== null && u.denominator === null && sameSentence(u));
      if (!units) return;
      const ofLevel = rows.filter(({ x }) => x.level === units.level);
      const sum = ofLevel.reduce((acc, { x }) => acc + x.value, 0);
      out.push({
        id: `${doc}:level-total:${stated.span[0]}`,
        description: `${stated.value} (${stated.key}) credited to ${units.value} ${units.level}-level units = their rows of the table`,
        documents: [doc],
        result: sum === stated.value ? 'holds' : 'fails',
        computed: sum,
        stated: stated.value,
        indicators: [s, t, ...ofLevel.map(({ k }) => k)],
      });
    });
  });
  return out;
}

/** Departments of a province are named Sở, Ban, Văn phòng or Thanh tra; the police or a district committee are not. */
const DEPARTMENT = /^(so|ban|van phong|thanh tra)\b/;

/**
 * Units of one level counted in the text against the rest of the document: "17 Sở, ban ngành đã
 * triển khai (Văn phòng UBND tỉnh, Thanh tra tỉnh, Ban Dân tộc và Sở Ngoại vụ chưa triển khai)" -
 * the ones doing it plus the ones named as not should make the level's denominator (20/20 sở, ban,
 * ngành), and the departments among the table's provincial rows should number the ones doing it.
 */
function unitCountChecks(doc: string, text: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  indicators.forEach((units, u) => {
    if (!isHeadline(units) || units.unit !== 'đơn vị' || units.level === null || units.denominator !== null) return;
    const denominators = indicators.filter((i) => isHeadline(i) && i.level === units.level && i.denominator !== null && i.unit === 'đơn vị').map((i) => i.denominator!);
    const after = text.slice(units.span[1], units.span[1] + 300);
    const named = /^[^()]{0,40}\(([^()]{3,200}?)\s+(?:chưa|không)\s[^()]*\)/u.exec(after);
    if (named && denominators.length > 0) {
      const names = named[1]!.split(/,|\svà\s/u).map((n) => n.trim()).filter(Boolean);
      const level = Math.max(...denominators);
      out.push({
        id: `${doc}:units-named:${units.span[0]}`,
        description: `${units.value} units doing it + ${names.length} named as not = the ${level} ${units.level}-level units`,
        documents: [doc],
        result: units.value + names.length === level ? 'holds' : 'fails',
        computed: units.value + names.length,
        stated: level,
        indicators: [u],
      });
    }
    const rows = indicators.filter((i) => i.flags.includes('table') && !i.flags.includes('table-total') && i.level === units.level && i.entity !== null);
    const entities = [...new Set(rows.map((r) => r.entity!))];
    if (units.level === 'province' && entities.length > 0) {
      const departments = entities.filter((e) => DEPARTMENT.test(fold(e).toLowerCase()));
      out.push({
        id: `${doc}:units-in-table:${units.span[0]}`,
        description: `${units.value} departments stated = the departments among the table's ${entities.length} provincial rows`,
        documents: [doc],
        result: departments.length === units.value ? 'holds' : 'fails',
        computed: { provincialRows: entities.length, departments: departments.length },
        stated: units.value,
        indicators: [u],
      });
    }
  });
  return out;
}

/** Which administrative level a passage ranks, from its opening words. */
function passageLevel(opening: string): 'province' | 'district' | 'commune' | null {
  const f = fold(opening);
  if (/xa, phuong|cap xa/.test(f)) return 'commune';
  if (/huyen, thi xa|cac huyen|cap huyen/.test(f)) return 'district';
  if (/so, ban, nganh|cap tinh|so, nganh/.test(f)) return 'province';
  return null;
}

/** Score scales differ by level (districts reach 148 points, communes 61): say so before anyone compares across levels. */
function scoreScaleInfo(doc: string, text: string, indicators: Indicator[]): CheckResult[] {
  const maxima: Record<string, number> = {};
  const used: number[] = [];
  indicators.forEach((i, k) => {
    if (i.unit !== 'điểm' || i.entity !== null || i.flags.includes('table')) return;
    const start = text.lastIndexOf('\n', i.span[0]) + 1;
    const level = passageLevel(text.slice(start, start + 160));
    if (!level) return;
    maxima[level] = Math.max(maxima[level] ?? -Infinity, i.value);
    used.push(k);
  });
  if (Object.keys(maxima).length < 2) return [];
  return [{ id: `${doc}:score-scales`, description: 'scores differ in scale by level: compare them within a level only', documents: [doc], result: 'info', computed: maxima, stated: null, indicators: used }];
}

export function countChecks(doc: string, text: string, indicators: Indicator[]): CheckResult[] {
  return [
    ...listedEntityChecks(doc, text, indicators),
    ...breakdownSizeChecks(doc, indicators),
    ...levelDenominatorChecks(doc, indicators),
    ...tableTextChecks(doc, indicators),
    ...rankingOrderChecks(doc, text, indicators),
    ...scoreScaleInfo(doc, text, indicators),
    ...levelTotalChecks(doc, text, indicators),
    ...unitCountChecks(doc, text, indicators),
    ...derivedFigures(doc, indicators),
  ];
}
