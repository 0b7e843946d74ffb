/**
 * One regular expression written in pieces, for a pattern too long for one line: the pieces'
 * sources joined in order, with the first piece's flags.
 */
export function joinRegex(...parts: RegExp[]): RegExp {
  return new RegExp(parts.map((p) => p.source).join(''), parts[0].flags);
}
