// Preloaded (`node --require`) into every supervised child. The parent spawns the child with an
// IPC channel; the operating system closes that channel whenever the parent dies, however it
// dies (SIGKILL included), and the child then gets 'disconnect' and exits. npm's signal
// forwarding and the parent's own clean-up cannot do this: a SIGKILLed parent runs no code.
// CommonJS on purpose: --require runs it before the child's own code, module type aside.
"use strict";
if (typeof process.send === "function" && process.channel) {
  // The channel must not keep the child alive by itself, nor should a child that never reads it
  // be disturbed by it.
  process.channel.unref();
  process.once("disconnect", () => {
    // SIGTERM to ourselves lets the child's own handlers close its server; if it has none,
    // Node's default for SIGTERM ends the process. A short fuse covers a child that ignores it.
    setTimeout(() => process.exit(0), 2000).unref();
    process.kill(process.pid, "SIGTERM");
  });
}
