// `npm run mock | head`: once the reader is gone, every write to stdout fails with EPIPE, which
// Node raises as an unhandled 'error' event and the process crashes — leaving its children
// behind. Here a broken stdout/stderr is noted once and further writes are dropped; the process
// carries on (or shuts down, if the caller says so in onBroken).

export interface EpipeGuard {
  /** True once the stream's reader has gone. */
  broken(stream: NodeJS.WriteStream): boolean;
}

export function ignoreEpipe(
  streams: NodeJS.WriteStream[] = [process.stdout, process.stderr],
  onBroken?: (stream: NodeJS.WriteStream) => void,
): EpipeGuard {
  const gone = new Set<NodeJS.WriteStream>();
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
      if (gone.has(stream)) return;
      gone.add(stream);
      // Writes after this point would raise again: make them no-ops.
      stream.write = ((_chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
        const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
        if (typeof done === "function") queueMicrotask(() => (done as () => void)());
        return true;
      }) as typeof stream.write;
      onBroken?.(stream);
    });
  }
  return { broken: (stream) => gone.has(stream) };
}
