/**
 * One CSV line (RFC 4180): a field with a comma, quote or line break is quoted; a field that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with a quote mark, since
 * paths and causes come from users.
 */
export function csvLine(fields: readonly unknown[]): string {
  return fields
    .map((v) => {
      let s = String(v ?? '');
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
