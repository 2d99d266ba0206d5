// A small static file server for site/ on node:http (no extra package). Used by `npm start`
// and by the browser test, so both serve the pages the same way. GET/HEAD only, no directory
// listings, and nothing outside the root is reachable.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".yml": "application/yaml; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** Maps a request path to a file under root, or null if it would leave root. */
export function resolveInRoot(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0]?.split("#")[0] ?? "");
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const base = resolve(root);
  const file = resolve(join(base, normalize(decoded)));
  return file === base || file.startsWith(base + sep) ? file : null;
}

async function findFile(root: string, urlPath: string): Promise<{ file: string; size: number; directory?: boolean } | null> {
  const file = resolveInRoot(root, urlPath);
  if (!file) return null;
  try {
    const info = await stat(file);
    if (info.isFile()) return { file, size: info.size };
    if (info.isDirectory()) {
      const index = join(file, "index.html");
      const indexInfo = await stat(index);
      if (indexInfo.isFile()) return { file: index, size: indexInfo.size, directory: true };
    }
  } catch {
    // not found: fall through
  }
  return null;
}

export interface StaticServer { url: string; port: number; server: Server; close: () => Promise<void> }

/** Serves `root` on host:port (port 0 = any free port). */
export function serveStatic({ root, port = 8080, host = "127.0.0.1" }: { root: string; port?: number; host?: string }): Promise<StaticServer> {
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const found = await findFile(root, path);
    if (!found) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`Not found: ${path}\n`);
      return;
    }
    // "/<api>" must become "/<api>/" so that the page's relative links resolve.
    if (found.directory && !path.endsWith("/")) {
      res.writeHead(301, { location: `${path}/` }).end();
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(found.file).toLowerCase()] ?? "application/octet-stream",
      "content-length": found.size,
      "cache-control": "no-cache",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(found.file).on("error", () => res.destroy()).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE"
        ? new Error(`Port ${port} on ${host} is already in use: cannot serve the docs there. Stop what uses it or choose another port (--port).`)
        : new Error(`Cannot serve the docs on ${host}:${port}: ${error.message}`));
    });
    server.listen({ port, host }, () => {
      const address = server.address() as AddressInfo;
      const close = (): Promise<void> => new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      resolvePromise({ url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`, port: address.port, server, close });
    });
  });
}
