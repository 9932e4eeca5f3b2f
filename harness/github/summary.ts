/** GitHub refuses a step summary over 1 MiB: the upload fails and the whole summary is lost. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;
/** A pull-request comment holds at most 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

/**
 * `markdown` cut to fit `limit` (bytes of UTF-8 for a step summary, characters for a comment), at
 * a line boundary, with a last line that says so and where the full report is. Unchanged when it fits.
 */
export function fitMarkdown(markdown: string, limit: number, fullReport: string, unit: 'bytes' | 'chars' = 'bytes'): string {
  const size = (text: string) => (unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length);
  if (size(markdown) <= limit) return markdown;
  const note = `\n… the report is cut here (it is ${unit === 'bytes' ? `${(size(markdown) / 1024).toFixed(0)} KiB` : `${size(markdown)} characters`}; the limit is ${unit === 'bytes' ? `${limit / 1024} KiB` : limit}). The full report: ${fullReport}\n`;
  const budget = limit - size(note) - 16;
  let cut = '';
  let used = 0;
  for (const line of markdown.split('\n')) {
    const next = size(line) + 1;
    if (used + next > budget) break;
    cut += `${line}\n`;
    used += next;
  }
  // an open fenced block or <details> would swallow the note
  const fences = (cut.match(/^```/gm) ?? []).length;
  const closers = `${fences % 2 === 1 ? '```\n' : ''}${(cut.match(/<details/g) ?? []).length > (cut.match(/<\/details>/g) ?? []).length ? '</details>\n' : ''}`;
  return `${cut}${closers}${note}`;
}
