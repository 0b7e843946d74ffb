/**
 * Source text with comments and string contents blanked, for scripts that look for literals in code
 * (scripts/budget.ts). Line numbers are kept.
 */

/** A `/` here opens a regular expression (not a division): what precedes it cannot end an operand. */
function startsExpression(before: string): boolean {
  const t = before.slice(-40).trimEnd();
  return t === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(t) || /\b(return|typeof|case|in|of)$/.test(t);
}

/** The index of the `/` that closes the regular expression opened at i (classes and escapes skipped). */
function regexEnd(src: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < src.length && src[j] !== '\n'; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === '[') inClass = true;
    else if (src[j] === ']') inClass = false;
    else if (src[j] === '/' && !inClass) return j;
  }
  return i;
}

/**
 * The code of a file with comments and string contents blanked (newlines kept, so line numbers hold).
 * Template literals keep their ${…} expressions as code; regular-expression literals are blanked too
 * (a quote inside one must not open a string).
 */
export function codeOnly(src: string, python = false): string {
  let out = '';
  const stack: string[] = []; // open template literals, for `${` … `}` nesting
  let depth = 0; // braces open inside the innermost ${ … }
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  /** A template literal's text from `from` on, blanked, up to its closing backtick or its next `${`. */
  const templateText = (from: number): number => {
    let j = from;
    while (j < src.length && src[j] !== '`') {
      if (src[j] === '\\') j++;
      else if (src[j] === '$' && src[j + 1] === '{') break;
      j++;
    }
    out += blank(src.slice(from, j));
    if (src[j] !== '$') {
      out += src[j] ?? '';
      return j;
    }
    out += '${';
    stack.push(String(depth));
    depth = 0;
    return j + 1;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (python ? c === '#' : c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? src.length : end;
      out += blank(src.slice(i, stop));
      i = stop - 1;
    } else if (!python && c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      out += blank(src.slice(i, stop));
      i = stop - 1;
    } else if (!python && c === '/' && startsExpression(out) && regexEnd(src, i) > i) {
      const j = regexEnd(src, i);
      out += '/' + blank(src.slice(i + 1, j)) + '/';
      i = j;
    } else if (c === '`') {
      out += c;
      i = templateText(i + 1);
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += c + blank(src.slice(i + 1, j)) + (src[j] ?? '');
      i = j;
    } else if (stack.length && c === '{') {
      depth++;
      out += c;
    } else if (stack.length && c === '}' && depth === 0) {
      // back inside the template literal: resume it as a string
      depth = Number(stack.pop());
      out += '}';
      i = templateText(i + 1);
    } else {
      if (stack.length && c === '}') depth--;
      out += c;
    }
  }
  return out;
}
