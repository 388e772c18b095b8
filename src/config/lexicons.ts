// Word lists the content checks use, kept in config (config/lexicons/*.yaml) so the office can
// extend them without a release.
import { z } from 'zod';

const words = z.array(z.string().min(1)).default([]);

export const spamLexiconSchema = z
  .object({
    families: z.record(
      z.string(),
      z.object({ label: z.string(), strong: words, medium: words, ambiguous: words }).strict(),
    ),
  })
  .strict();

const severity = z.enum(['veto', 'error', 'warning']);

export const wordingLexiconSchema = z
  .object({
    exact: z.array(
      z
        .object({ wrong: z.string().min(1), right: z.string().min(1), severity, unless: words })
        .strict(),
    ),
    canonical: z.object({ severity, anySlip: words, samePinyin: words, allow: words }).strict(),
    leaders: z
      .object({
        severity,
        window: z.number().int().positive(),
        people: z.array(
          z
            .object({
              name: z.string().min(2),
              titles: z.array(z.string()).min(1),
              misspellings: words,
            })
            .strict(),
        ),
      })
      .strict(),
    outdated: z
      .object({ severity, since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), names: words })
      .strict(),
  })
  .strict();

export type SpamLexicon = z.infer<typeof spamLexiconSchema>;
export type WordingLexicon = z.infer<typeof wordingLexiconSchema>;
export interface Lexicons {
  spam: SpamLexicon;
  wording: WordingLexicon;
}
