/**
 * The data that flows between stages and into storage and exports. Every boundary
 * (CLI, HTTP, queue payloads, files read back) parses with these schemas; inside, types are trusted.
 */
import { z } from 'zod';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex sha256');

export const SupportedMime = z.enum(['text/plain', 'application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);
export type SupportedMime = z.infer<typeof SupportedMime>;

/** Pixel box: left, top, right, bottom in page-image pixels. */
export const BBox = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
export type BBox = z.infer<typeof BBox>;

export const OcrWord = z.object({ text: z.string(), bbox: BBox, confidence: z.number().min(0).max(100) });
export type OcrWord = z.infer<typeof OcrWord>;

export const OcrLine = z.object({
  text: z.string(),
  bbox: BBox,
  confidence: z.number().min(0).max(100),
  words: z.array(OcrWord),
  /** The layout block (zone or column of the page) the line belongs to, numbered in reading order. */
  block: z.number().int().nonnegative().optional(),
});
export type OcrLine = z.infer<typeof OcrLine>;

/** How far a page's text can be trusted, for archivists and the review queue. */
export const PageQuality = z.object({
  /** Words with letters on the page. */
  words: z.number().int().nonnegative(),
  /** Mean OCR word confidence (0-100), null for text not from OCR. */
  meanWordConfidence: z.number().min(0).max(100).nullable(),
  /** Share of the words, as read, that are Vietnamese syllables of the model's inventory: low for garbled or stripped text. */
  dictionaryShare: z.number().min(0).max(1).nullable(),
  /** The same share once diacritics are restored: what is left unknown after repair. */
  restoredDictionaryShare: z.number().min(0).max(1).nullable(),
  /** OCR words read with low confidence, for review. */
  lowConfidenceWords: z.array(OcrWord),
});
export type PageQuality = z.infer<typeof PageQuality>;

export const TextSource = z.enum(['text-file', 'pdf-text', 'ocr']);
export type TextSource = z.infer<typeof TextSource>;

export const Page = z.object({
  number: z.number().int().positive(),
  /** Blob key of the page image (absent for text files and born-digital PDF pages). */
  imageRef: z.string().nullable(),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  dpi: z.number().positive().nullable(),
  textSource: TextSource,
  /** Why this page took its route (text layer found, scanned image, ...). */
  route: z.string(),
  text: z.string(),
  lines: z.array(OcrLine),
  meanConfidence: z.number().min(0).max(100).nullable(),
  skipped: z.string().nullable(),
  /** Set once the page has been read against the syllable inventory (finish stage). */
  quality: PageQuality.nullable().optional(),
});
export type Page = z.infer<typeof Page>;

/** How sure the extractor is of each metadata field it found, 0..1 (a field it left null has none). */
export const MetadataConfidence = z.object({
  type: z.number().min(0).max(1).optional(),
  number: z.number().min(0).max(1).optional(),
  date: z.number().min(0).max(1).optional(),
  issuer: z.number().min(0).max(1).optional(),
  place: z.number().min(0).max(1).optional(),
  title: z.number().min(0).max(1).optional(),
  signer: z.number().min(0).max(1).optional(),
  signingCapacity: z.number().min(0).max(1).optional(),
});
export type MetadataConfidence = z.infer<typeof MetadataConfidence>;

export const DocumentMetadata = z.object({
  type: z.string().nullable(),
  number: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  place: z.string().nullable(),
  title: z.string().nullable(),
  signer: z.string().nullable(),
  signingCapacity: z.string().nullable(),
  province: z.string().nullable(),
  year: z.number().int().nullable(),
  /** Optional so that metadata stored before confidences were given still parses. */
  confidence: MetadataConfidence.optional(),
});
export type DocumentMetadata = z.infer<typeof DocumentMetadata>;

export const SohoaDocument = z.object({
  id: Sha256,
  filename: z.string().min(1),
  mime: SupportedMime,
  byteSize: z.number().int().positive(),
  pageCount: z.number().int().nonnegative(),
  metadata: DocumentMetadata,
  createdAt: z.string(),
});
export type SohoaDocument = z.infer<typeof SohoaDocument>;

export const TextVersionKind = z.enum(['ocr', 'restored', 'reviewed']);
export type TextVersionKind = z.infer<typeof TextVersionKind>;

export const TextVersion = z.object({
  documentId: Sha256,
  kind: TextVersionKind,
  text: z.string(),
  createdAt: z.string(),
  author: z.string(),
});
export type TextVersion = z.infer<typeof TextVersion>;

export const Qualifier = z.enum(['hơn', 'gần', 'khoảng', 'trên', 'dưới', 'đạt', 'tất cả', 'chỉ']);
export type Qualifier = z.infer<typeof Qualifier>;

export const AdministrativeLevel = z.enum(['province', 'district', 'commune']);

export const Span = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof Span>;

export const ReviewState = z.enum(['pending', 'accepted', 'corrected', 'rejected']);

/**
 * What a number states: a fact (value), a plan or goal (target), a rating or specification
 * (capacity: "trạm bơm 90m3/s"), a change (delta: "tăng 10 bậc"), a position (rank) or points (score).
 */
export const IndicatorKind = z.enum(['value', 'target', 'capacity', 'delta', 'rank', 'score']);
export type IndicatorKind = z.infer<typeof IndicatorKind>;

export const Indicator = z.object({
  key: z.string().min(1),
  /** Records stored before kinds existed read as values. */
  kind: IndicatorKind.default('value'),
  value: z.number(),
  denominator: z.number().nullable(),
  unit: z.string().nullable(),
  qualifier: Qualifier.nullable(),
  /** value/denominator as a percentage, or the stated percentage. */
  percent: z.number().nullable(),
  /** The percentage the text gives for a fraction or count ("184/220 xã, đạt tỷ lệ 83,6%"), where it is. */
  statedPercent: z.object({ value: z.number(), text: z.string(), span: Span }).nullable().optional(),
  /** Where the true value lies given the qualifier or range: "hơn 3.525" is [3525, null]. */
  bounds: z.tuple([z.number().nullable(), z.number().nullable()]).optional(),
  year: z.number().int().nullable(),
  province: z.string().nullable(),
  entity: z.string().nullable(),
  level: AdministrativeLevel.nullable(),
  phrase: z.string(),
  valueText: z.string(),
  /** Character span of the value in the final (restored) text. */
  span: Span,
  /** The same span in the text as recognised or given, before diacritics were restored. */
  sourceSpan: Span.optional(),
  /** Line of its page the value starts on (1-based), when the text came in pages. */
  line: z.number().int().positive().nullable().optional(),
  /** The OCR word boxes the value was read from, on `page`'s image. */
  boxes: z.array(BBox).optional(),
  page: z.number().int().positive().nullable(),
  confidence: z.number().min(0).max(1),
  flags: z.array(z.string()),
  reviewState: ReviewState,
});
export type Indicator = z.infer<typeof Indicator>;

export const CriterionScore = z.object({
  group: z.string(),
  criterion: z.string(),
  indicatorKey: z.string().nullable(),
  value: z.number().nullable(),
  ratio: z.number().nullable(),
  points: z.number(),
  maxPoints: z.number(),
  missing: z.boolean(),
  explanation: z.string(),
  /** The scoring function and the criterion's weight in the total. */
  function: z.string().optional(),
  weight: z.number().optional(),
  /** Points at the lower and upper bound a qualifier leaves ("hơn 3.525"). */
  range: z.tuple([z.number(), z.number()]).optional(),
  /** Where the value came from: this document, or carried forward from an earlier year. */
  source: z.string().optional(),
  /** Review flags of the indicator used (failed checks make a doubtful number visible here). */
  flags: z.array(z.string()).optional(),
});
export type CriterionScore = z.infer<typeof CriterionScore>;

export const Score = z.object({
  rubric: z.string(),
  entity: z.string().nullable(),
  year: z.number().int().nullable(),
  /** Null when the composite is withheld (coverage under the rubric's minimum). */
  total: z.number().nullable(),
  maxTotal: z.number(),
  coverage: z.number().min(0).max(1),
  criteria: z.array(CriterionScore),
  /** Why the composite is withheld, or null. */
  withheld: z.string().nullable().optional(),
  /** The total at the lower and upper bounds of qualified values. */
  bounds: z.tuple([z.number(), z.number()]).optional(),
  /** Rank among the entities scored for the same year (1 = best). */
  rank: z.number().int().positive().nullable().optional(),
});
export type Score = z.infer<typeof Score>;

/** One consistency check on a document (or across documents) and its verdict. */
export const CheckResult = z.object({
  id: z.string(),
  description: z.string(),
  documents: z.array(z.string()),
  result: z.enum(['holds', 'fails', 'info']),
  computed: z.unknown(),
  stated: z.unknown(),
  /** Indexes into the document's indicator array. */
  indicators: z.array(z.number().int().nonnegative()),
  /** For checks across documents: the records involved, by document name and index. */
  references: z.array(z.object({ document: z.string(), indicator: z.number().int().nonnegative() })).optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const StageName = z.enum(['ingest', 'ocr', 'restore', 'extract', 'score', 'store']);
export type StageName = z.infer<typeof StageName>;

export const StageState = z.enum(['pending', 'running', 'done', 'failed', 'skipped']);

export const StageStatus = z.object({
  documentId: Sha256,
  stage: StageName,
  state: StageState,
  message: z.string().nullable(),
  updatedAt: z.string(),
});
export type StageStatus = z.infer<typeof StageStatus>;

/** An image page waiting for OCR: the plan a document's split stage records, one job per page. */
export const PageTask = z.object({
  number: z.number().int().positive(),
  imageRef: Sha256,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpi: z.number().positive().nullable(),
  route: z.string(),
});
export type PageTask = z.infer<typeof PageTask>;

/** Where a document stands, read from the database (the record; the queue only drives work). */
export const DocumentProgress = z.object({
  id: Sha256,
  filename: z.string(),
  /** The current run's id (jobs derive theirs from it); null before the first run. */
  runId: z.string().nullable(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  /** The stage that failed or is under way; null when queued or done. */
  stage: StageName.nullable(),
  message: z.string().nullable(),
  pagesPlanned: z.number().int().nonnegative(),
  pagesDone: z.number().int().nonnegative(),
});
export type DocumentProgress = z.infer<typeof DocumentProgress>;
