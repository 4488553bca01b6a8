// Tiny static file server for the browser tests: serves one folder on 127.0.0.1 on an
// ephemeral port. `/x/` maps to `/x/index.html`; anything missing or escaping the root is 404.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Resolve a request path to a file under root, or null if it is invalid or escapes root. */
export function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return null; // malformed %-escape
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((seg) => seg === '..')) return null;
  if (decoded.endsWith('/')) decoded += 'index.html';
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

/** Files a web host compresses (text and the wasm module). */
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|xml))|svg/;

/**
 * Start serving `root`. Resolves to { url, close() }; url has no trailing slash. With
 * `{ gzip: true }` files are gzipped for clients that accept it, as a real web host does
 * (the first-load benchmarks use this; the tests do not).
 */
export async function start(root, { gzip = false } = {}) {
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    // Use the raw path so an encoded `%2e%2e` is seen (and refused) after decoding.
    const rawPath = (req.url ?? '/').replace(/^[a-z]+:\/\/[^/]*/i, '');
    const file = resolvePath(base, rawPath);
    if (!file) return notFound();
    try {
      const info = await stat(file);
      if (!info.isFile()) {
        // `/x` where x is a folder: redirect to `/x/` like a real static host.
        if (info.isDirectory() && !rawPath.split('?')[0].endsWith('/')) {
          res.writeHead(301, { location: rawPath.split('?')[0] + '/' });
          res.end();
          return;
        }
        return notFound();
      }
      let body = await readFile(file);
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const headers = { 'content-type': type, 'cache-control': 'no-store' };
      if (gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.keepAliveTimeout = 1000;
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
