/* eslint-disable no-control-regex -- finding control characters is this module's job */
/**
 * Text that comes from user code (exception messages, tracebacks, class names, printed output)
 * made safe for every place nncheck shows it, in one place:
 * - on a terminal, control characters and escape sequences are shown, never executed;
 * - in XML, code points XML 1.0 forbids are replaced, so junit.xml stays well-formed;
 * - everywhere, a message is capped (a 1 MB exception message stays a few KB);
 * - in Markdown, syntax characters are escaped.
 */

/** The most characters of one user string any report keeps. */
export const MAX_TEXT = 4096;

/** Caps a string: its head (a message) or its tail (a traceback, whose end says what failed). */
export function capText(s: string, max = MAX_TEXT, keep: 'head' | 'tail' = 'head'): string {
  if (s.length <= max) return s;
  const cut = s.length - max;
  return keep === 'head'
    ? `${s.slice(0, max)} … [${cut} more characters cut]`
    : `[${cut} characters cut] … ${s.slice(-max)}`;
}

const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
const uni = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

// C0 controls but tab and newline, DEL, C1 controls (CSI U+009B and the like).

const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides and isolates: they reorder what the reader sees.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Shows control characters as \xNN (ESC, CR, BS, NUL, ...) and bidi overrides as \uNNNN. */
export function terminalSafe(s: string): string {
  return s.replace(TERMINAL_CONTROLS, hex).replace(BIDI, uni).replace(LONE_SURROGATE, '\ufffd');
}

/** XML 1.0 text: forbidden controls shown as \xNN, U+FFFE/U+FFFF and lone surrogates replaced by U+FFFD. */
export function xmlSafe(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, hex)
    .replace(/[\ufffe\uffff]/g, '\ufffd')
    .replace(LONE_SURROGATE, '\ufffd');
}

/**
 * Markdown inline text (a table cell, a list item): the characters that start emphasis, code,
 * links, HTML or a table column escaped, and a leading heading or list marker; line breaks as
 * spaces; controls shown.
 */
export function escapeMarkdown(s: string): string {
  return terminalSafe(s)
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+-])/, '$1\\$2');
}

/** A Markdown code span (inside a table): fenced by more backticks than the text holds, pipes escaped. */
export function markdownCode(s: string): string {
  const text = terminalSafe(s).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  return fence.length > 1 || text.startsWith('`') || text.endsWith('`')
    ? `${fence} ${text} ${fence}`
    : `${fence}${text}${fence}`;
}
