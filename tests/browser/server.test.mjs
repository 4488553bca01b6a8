// Checks of the test server itself: index mapping, content types, 404s and path escapes.
// Raw node:http requests are used because browsers normalise `..` before sending.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { start } from './server.mjs';

let dir;
let root;
let server;

function get(urlPath) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const req = request({ hostname, port, path: urlPath, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hearth-server-test-'));
  root = path.join(dir, 'site');
  await mkdir(path.join(root, 'plan'), { recursive: true });
  await writeFile(path.join(dir, 'secret.txt'), 'outside the root');
  await writeFile(path.join(root, 'index.html'), '<h1>home</h1>');
  await writeFile(path.join(root, 'plan', 'index.html'), '<h1>plan</h1>');
  const files = { 'a.css': '', 'a.js': '', 'a.mjs': '', 'a.json': '[]', 'a.csv': '', 'a.svg': '<svg/>', 'a.png': '', 'a.wasm': '', 'a.xml': '' };
  for (const [name, body] of Object.entries(files)) await writeFile(path.join(root, name), body);
  server = await start(root);
});

after(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('listens on 127.0.0.1 with an ephemeral port', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('maps folders to index.html', async () => {
  assert.equal((await get('/')).body, '<h1>home</h1>');
  const plan = await get('/plan/');
  assert.equal(plan.status, 200);
  assert.equal(plan.body, '<h1>plan</h1>');
  assert.match(plan.headers['content-type'], /^text\/html/);
  assert.equal((await get('/plan/?q=1')).body, '<h1>plan</h1>');
  const bare = await get('/plan');
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, '/plan/');
});

test('sends the right content types', async () => {
  const want = {
    'a.css': 'text/css',
    'a.js': 'text/javascript',
    'a.mjs': 'text/javascript',
    'a.json': 'application/json',
    'a.csv': 'text/csv',
    'a.svg': 'image/svg+xml',
    'a.png': 'image/png',
    'a.wasm': 'application/wasm',
    'a.xml': 'application/xml',
  };
  for (const [name, type] of Object.entries(want)) {
    const res = await get(`/${name}`);
    assert.equal(res.status, 200, name);
    assert.equal(res.headers['content-type'].split(';')[0], type, name);
  }
});

test('404 for missing files and for paths escaping the root', async () => {
  for (const p of [
    '/missing.html',
    '/nope/',
    '/../secret.txt',
    '/plan/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/plan/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/%00',
    '/%zz',
  ]) {
    const res = await get(p);
    assert.equal(res.status, 404, p);
    assert.ok(!res.body.includes('outside the root'), p);
  }
});
