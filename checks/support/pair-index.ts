// The documents and 解读 that belong together, kept by class rather than pair by pair. Copies of
// a document (several columns list it) share its title and 文号, so a 解读 that names it pairs
// with every copy: the bench's 50,000 real pages made 5.7 million pairs, ~300 MB as objects.
// Here a 解读 keeps the classes it matched by 《title》 or 文号 and the few documents it is
// linked with; a pair exists as an object only while a check looks at it.
import type { PageRecord } from '../../src/contract/page.ts';

export interface Pair {
  doc: PageRecord;
  interp: PageRecord;
  docLinksInterp: boolean;
  interpLinksDoc: boolean;
  by: 'link' | 'title' | 'docno';
}

/** How a 解读 met a document: by a link either way (the flags), else by its class. */
export const DOC_LINKS = 1;
export const INTERP_LINKS = 2;

export interface InterpMatches {
  /** Classes matched by 《title》 (by = 'title') or 文号 (by = 'docno'). */
  classes: { id: number; by: 'title' | 'docno' }[];
  /** Documents linked with this 解读 either way: document index → flags (non-zero). */
  links: Map<number, number>;
}

export class PairIndex {
  readonly size: number;
  private readonly docIndex = new Map<PageRecord, number>();
  private readonly interpIndex = new Map<PageRecord, number>();
  /** Each class's documents, ascending. */
  private readonly members: number[][];
  /** Each class's 解读 (those that matched it), ascending. */
  private readonly classInterps: { interp: number; by: 'title' | 'docno' }[][];
  /** Each document's links with 解读: 解读 index → flags. */
  private readonly docLinks = new Map<number, Map<number, number>>();
  private readonly docCounts: Uint32Array;
  private readonly interpCounts: Uint32Array;

  /**
   * `classOf[d]` is document d's class; `entries[i]` what 解读 i matched (classes ascending,
   * links by document index).
   */
  constructor(
    readonly docs: PageRecord[],
    readonly interps: PageRecord[],
    private readonly classOf: Int32Array,
    private readonly entries: InterpMatches[],
  ) {
    docs.forEach((d, k) => this.docIndex.set(d, k));
    interps.forEach((p, k) => this.interpIndex.set(p, k));
    let classes = classOf.reduce((n, c) => Math.max(n, c + 1), 0);
    for (const e of entries) for (const c of e.classes) classes = Math.max(classes, c.id + 1);
    this.members = Array.from({ length: classes }, () => []);
    classOf.forEach((c, d) => this.members[c].push(d));
    this.classInterps = Array.from({ length: classes }, () => []);
    this.interpCounts = new Uint32Array(interps.length);
    entries.forEach((e, i) => {
      const matched = new Set<number>();
      for (const { id, by } of e.classes) {
        this.classInterps[id].push({ interp: i, by });
        matched.add(id);
        this.interpCounts[i] += this.members[id].length;
      }
      for (const [d, flags] of e.links) {
        const mine = this.docLinks.get(d) ?? new Map<number, number>();
        this.docLinks.set(d, mine.set(i, flags));
        // Linked and not in a matched class: one more pair, not counted by its class.
        if (!matched.has(classOf[d])) this.interpCounts[i]++;
      }
    });
    // A document's 解读: its class's, and those linked with it outside them.
    const byClass = this.classInterps.map((list) => new Set(list.map((x) => x.interp)));
    this.docCounts = new Uint32Array(docs.length);
    classOf.forEach((c, d) => {
      this.docCounts[d] = byClass[c].size;
      for (const i of this.docLinks.get(d)?.keys() ?? [])
        if (!byClass[c].has(i)) this.docCounts[d]++;
    });
    this.size = this.interpCounts.reduce((n, k) => n + k, 0);
  }

  /** Document indices of a 解读's pairs, ascending. */
  private docsOfEntry(e: InterpMatches): ArrayLike<number> {
    // Mostly one class of copies and no links: its members are the answer as they are.
    if (e.links.size === 0 && e.classes.length === 1) return this.members[e.classes[0].id];
    let n = e.links.size;
    for (const { id } of e.classes) n += this.members[id].length;
    const all = new Int32Array(n);
    let k = 0;
    for (const d of e.links.keys()) all[k++] = d;
    for (const { id } of e.classes) for (const d of this.members[id]) all[k++] = d;
    all.sort();
    // Linked documents may be in a matched class too: each once.
    return all.filter((d, j) => j === 0 || all[j - 1] !== d);
  }

  private pair(d: number, i: number, flags: number | undefined, by?: Pair['by']): Pair {
    return {
      doc: this.docs[d],
      interp: this.interps[i],
      docLinksInterp: Boolean((flags ?? 0) & DOC_LINKS),
      interpLinksDoc: Boolean((flags ?? 0) & INTERP_LINKS),
      by: flags ? 'link' : by!,
    };
  }

  /** A 解读's documents, in their order. */
  docsOf(interp: PageRecord): PageRecord[] {
    const i = this.interpIndex.get(interp);
    return i === undefined
      ? []
      : Array.from(this.docsOfEntry(this.entries[i]), (d) => this.docs[d]);
  }

  /** How many documents a 解读 is paired with. */
  countOfInterp(interp: PageRecord): number {
    const i = this.interpIndex.get(interp);
    return i === undefined ? 0 : this.interpCounts[i];
  }

  /** A 解读's pairs, in the documents' order. */
  ofInterp(interp: PageRecord): Pair[] {
    const i = this.interpIndex.get(interp);
    if (i === undefined) return [];
    const e = this.entries[i];
    const byClass = new Map(e.classes.map((c) => [c.id, c.by]));
    return Array.from(this.docsOfEntry(e), (d) =>
      this.pair(d, i, e.links.get(d), byClass.get(this.classOf[d])),
    );
  }

  /** A document's pairs, in the 解读's order, made as they are asked for. */
  *ofDoc(doc: PageRecord): IterableIterator<Pair> {
    const d = this.docIndex.get(doc);
    if (d === undefined || this.docCounts[d] === 0) return;
    const links = this.docLinks.get(d);
    const mine = this.classInterps[this.classOf[d]];
    // One at a time: a document of many copies meets thousands of 解读 copies, and a check
    // mostly needs the first of each kind.
    if (!links) {
      for (const { interp, by } of mine) yield this.pair(d, interp, undefined, by);
      return;
    }
    const out = new Map<number, Pair['by']>();
    for (const { interp, by } of this.classInterps[this.classOf[d]]) out.set(interp, by);
    for (const i of links?.keys() ?? []) if (!out.has(i)) out.set(i, 'link');
    for (const [i, by] of [...out].sort((a, b) => a[0] - b[0]))
      yield this.pair(d, i, links.get(i), by);
  }

  /** How many 解读 a document is paired with. */
  countOfDoc(doc: PageRecord): number {
    const d = this.docIndex.get(doc);
    return d === undefined ? 0 : this.docCounts[d];
  }

  /** Every pair, 解读 by 解读 in their order, each 解读's in the documents' order. */
  *[Symbol.iterator](): IterableIterator<Pair> {
    for (const interp of this.interps) yield* this.ofInterp(interp);
  }
}
