/**
 * The note for a file loaded definitions-only, from the statements the bridge skipped (its
 * hello's loadNotes). The network and the free-ops bridges both load the file and say the same.
 */
export function definitionsOnlyNotes(path: string, hello: Record<string, unknown>): string[] {
  const skipped = (hello.loadNotes as string[] | undefined) ?? [];
  return skipped.length
    ? [`${path} does work at import: loaded its definitions only; skipped ${skipped.join('; ')}`]
    : [];
}
