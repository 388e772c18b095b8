// The registry: every check the engine runs, in report order.
import accessibility from './accessibility.ts';
import annualReport from './annual-report.ts';
import brokenLinks from './broken-links.ts';
import consultation from './consultation.ts';
import columnBlank from './column-blank.ts';
import columnFreshness from './column-freshness.ts';
import columnPresence from './column-presence.ts';
import homepageFreshness from './homepage-freshness.ts';
import interpretationLink from './interpretation-link.ts';
import interpretationQuality from './interpretation-quality.ts';
import interpretationTimeliness from './interpretation-timeliness.ts';
import ipv6 from './ipv6.ts';
import normativeCatalog from './normative-catalog.ts';
import normativeFormat from './normative-format.ts';
import privacyLeak from './privacy-leak.ts';
import siteAvailability from './site-availability.ts';
import siteIdentity from './site-identity.ts';
import spamInjection from './spam-injection.ts';
import wordingErrors from './wording-errors.ts';
import type { Check } from '../src/contract/check.ts';

export const CHECKS: Check[] = [
  siteAvailability,
  homepageFreshness,
  siteIdentity,
  ipv6,
  columnPresence,
  columnBlank,
  columnFreshness,
  brokenLinks,
  normativeFormat,
  normativeCatalog,
  interpretationLink,
  interpretationTimeliness,
  interpretationQuality,
  consultation,
  annualReport,
  spamInjection,
  privacyLeak,
  wordingErrors,
  accessibility,
];
