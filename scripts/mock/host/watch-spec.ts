// Calls back when a spec file changes, as `prism mock` does for its document: `npm run mock`
// serves the edited spec without a restart. The folder is watched, not the file, because editors
// save by writing a new file and renaming it over the old one, which ends a watch on the file.
// Saves come in bursts (truncate, write, rename): one call per quiet period.
import { watch } from "node:fs";
import { basename, dirname } from "node:path";

const QUIET_MS = 300;

export function watchSpec(file: string, onChange: () => Promise<void>): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
    if (name !== null && name !== basename(file)) return;
    clearTimeout(timer);
    // One reload at a time, in order: a save during a reload is served by the next one.
    timer = setTimeout(() => { running = running.then(onChange); }, QUIET_MS);
  });
  return async () => {
    clearTimeout(timer);
    watcher.close();
    await running;
  };
}
