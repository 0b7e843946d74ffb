import type { CauseId } from './causes.ts';
import type { Severity } from './finding.ts';

/**
 * One defect in the user's code: a root cause and the findings that are its evidence. The
 * diagnosis turns many findings (symptoms) into few defects, ranked by what explains the
 * observed symptom; reporters lead with these.
 */
export interface Defect {
  /** D1, D2, … in rank order (per report). */
  id: string;
  /** 1 = the defect to fix first. */
  rank: number;
  /** The implementation it is in, when a report covers several. */
  subject?: string;
  /** The root cause, or null for a failing finding no cause explains (it stands alone). */
  cause: CauseId | null;
  /** bug or warning: the worst severity among its evidence. */
  severity: Extract<Severity, 'bug' | 'warning'>;
  what: string;
  where: string;
  fix: string;
  /** Why it is ranked where it is, with the measured numbers when there are any. */
  reason: string;
  /** Indices into the report's findings: the evidence, the finding that names the cause first. */
  findings: number[];
  /** Where the evidence fits two causes: both, and what would tell them apart. */
  alternatives?: { causes: CauseId[]; discriminator: string };
}
