// Free ports for a process under test, and another set when it loses one. A port the OS reports free
// can be handed to another test's socket before the process binds it (the suite runs files side by
// side, and every outgoing connection takes a port from the same range); a start that fails with
// "already in use" is therefore tried again on new ports rather than failing the test.
import { freePorts } from "../../scripts/process/ports.js";

export { freePorts };

/**
 * Calls `start` with `count` free ports; if it throws an error that says a port is already in use, calls it
 * again with new ones (at most `attempts` times in all). Any other error, or the last one, is thrown.
 */
export async function withFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>, attempts = 3): Promise<{ ports: number[]; started: T }> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(count);
    try {
      return { ports, started: await start(ports) };
    } catch (error) {
      if (attempt >= attempts || !/already in use/i.test((error as Error).message)) throw error;
    }
  }
}
