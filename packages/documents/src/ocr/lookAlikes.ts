// Glyphs OCR takes for one another. In DejaVu Sans Mono the legacy classifier read 0 as O, D or Q and
// the reverse; the others are the usual pairs.
const groups: readonly (readonly string[])[] = [['0', 'O', 'D', 'Q'], ['1', 'I', 'L'], ['2', 'Z'], ['5', 'S'], ['6', 'G'], ['8', 'B']];

/**
 * The characters OCR confuses with `c`, `c` included; just `[c]` when it has none.
 *
 * @example
 * lookAlikeGroup('O') // ['0', 'O', 'D', 'Q']
 */
export function lookAlikeGroup(c: string): readonly string[] {
  return groups.find((group) => group.includes(c)) ?? [c];
}
