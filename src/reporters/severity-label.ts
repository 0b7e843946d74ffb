import { isSetupError, type Finding } from '../findings/finding.ts';

/** A finding's kind as reports print it: its severity, or "setup error" (neither a bug nor a warning). */
export const severityLabel = (f: Finding): string => (isSetupError(f) ? 'setup error' : f.severity);

/** What a finding's hint is: for a setup error, the fix. */
export const hintLabel = (f: Finding): string => (isSetupError(f) ? 'fix' : 'hint');
