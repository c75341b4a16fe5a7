/**
 * A function whose answers are remembered: the same labels, heading lines and short paragraphs
 * recur in report after report, and working them out again is most of the cost of reading one.
 * The memory is bounded: when full it is emptied and fills again with what recurs.
 */
export function remembered<V>(compute: (text: string) => V, limit = 20_000): (text: string) => V {
  const memory = new Map<string, V>();
  return (text: string): V => {
    let value = memory.get(text);
    if (value === undefined) {
      value = compute(text);
      if (memory.size >= limit) memory.clear();
      memory.set(text, value);
    }
    return value;
  };
}
