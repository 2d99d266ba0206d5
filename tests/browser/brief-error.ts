// Playwright's errors run to dozens of lines (the call log of every retry); a failing docs-site test
// lists one line per operation that did not render, so each gets the gist.

/** Playwright's message, first line and the last step of its call log (what it was waiting for). */
export function briefly(error: Error): string {
  const lines = error.message.split("\n").map((line) => line.trim()).filter(Boolean);
  const lastStep = lines.at(-1);
  return lines.length > 1 && lastStep ? `${lines[0]} (last: ${lastStep})` : lines[0] ?? error.name;
}
