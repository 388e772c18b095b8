// The pairs kept by class are the pairs one would list by hand: every document against every
// 解读, linked either way or matched through its class, on random sites of copies and links.
import { expect, it } from 'vitest';
import {
  DOC_LINKS,
  INTERP_LINKS,
  PairIndex,
  type InterpMatches,
  type Pair,
} from '../../checks/support/pair-index.ts';
import type { PageRecord } from '../../src/contract/page.ts';

const page = (url: string) => ({ url, finalUrl: url }) as PageRecord;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** What pairing meant when it was listed pair by pair: documents in order for each 解读. */
function byHand(
  docs: PageRecord[],
  interps: PageRecord[],
  classOf: Int32Array,
  m: InterpMatches[],
) {
  const pairs: Pair[] = [];
  interps.forEach((interp, i) => {
    const byClass = new Map(m[i].classes.map((c) => [c.id, c.by]));
    docs.forEach((doc, d) => {
      const flags = m[i].links.get(d) ?? 0;
      const by = flags ? 'link' : byClass.get(classOf[d]);
      if (by)
        pairs.push({
          doc,
          interp,
          docLinksInterp: Boolean(flags & DOC_LINKS),
          interpLinksDoc: Boolean(flags & INTERP_LINKS),
          by,
        });
    });
  });
  return pairs;
}

it('lists, counts and finds the same pairs as listing them one by one', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const rnd = random(seed);
    const classes = 1 + Math.floor(rnd() * 6);
    const docs = Array.from({ length: Math.floor(rnd() * 30) }, (_, k) => page(`/d${k}`));
    const interps = Array.from({ length: Math.floor(rnd() * 12) }, (_, k) => page(`/i${k}`));
    const classOf = Int32Array.from(docs, () => Math.floor(rnd() * classes));
    const matches = interps.map((): InterpMatches => {
      const found: InterpMatches['classes'] = [];
      for (let id = 0; id < classes; id++)
        if (rnd() < 0.25) found.push({ id, by: rnd() < 0.5 ? 'title' : 'docno' });
      const links = new Map<number, number>();
      docs.forEach((_, d) => rnd() < 0.1 && links.set(d, 1 + Math.floor(rnd() * 3)));
      return { classes: found, links };
    });
    // Classes are numbered as first met, as pairing numbers them.
    const index = new PairIndex(docs, interps, classOf, matches);
    const expected = byHand(docs, interps, classOf, matches);
    expect([...index]).toEqual(expected);
    expect(index.size).toBe(expected.length);
    for (const doc of docs) {
      const mine = expected.filter((p) => p.doc === doc);
      expect([...index.ofDoc(doc)]).toEqual(mine);
      expect(index.countOfDoc(doc)).toBe(mine.length);
    }
    for (const interp of interps) {
      const mine = expected.filter((p) => p.interp === interp);
      expect(index.ofInterp(interp)).toEqual(mine);
      expect(index.docsOf(interp)).toEqual(mine.map((p) => p.doc));
      expect(index.countOfInterp(interp)).toBe(mine.length);
    }
  }
});
