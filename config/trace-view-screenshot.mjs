// A screenshot of a page of the trace view, once it has drawn (the dashboard draws over a WebSocket, after the
// load event, so `chromium --screenshot` alone catches a blank page). Debian's chromium and Node 20 or later:
//   node --experimental-websocket config/trace-view-screenshot.mjs http://127.0.0.1:18888/traces out.png [wait-ms]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, out, wait = '8000'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node --experimental-websocket config/trace-view-screenshot.mjs URL OUT.png [wait-ms]');
  process.exit(2);
}
const profile = mkdtempSync(join(tmpdir(), 'trace-view-'));
const port = 20000 + Math.floor(Math.random() * 10000);
const chromium = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`,
  `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore', detached: true });
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
try {
  let endpoint;
  for (let i = 0; i < 100 && !endpoint; i++) {
    try {
      const page = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).find(t => t.type === 'page');
      endpoint = page?.webSocketDebuggerUrl;
    } catch { /* not listening yet */ }
    if (!endpoint) await sleep(100);
  }
  const socket = new WebSocket(endpoint);
  await new Promise(resolve => { socket.onopen = resolve; });
  const pending = new Map();
  let next = 0;
  socket.onmessage = message => {
    const answer = JSON.parse(message.data);
    pending.get(answer.id)?.(answer);
    pending.delete(answer.id);
  };
  const send = (method, params = {}) => new Promise(resolve => {
    pending.set(++next, resolve);
    socket.send(JSON.stringify({ id: next, method, params }));
  });
  await send('Emulation.setDeviceMetricsOverride', { width: 1500, height: 900, deviceScaleFactor: 1, mobile: false });
  await send('Page.navigate', { url });
  await sleep(Number(wait));
  const shot = await send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(out, Buffer.from(shot.result.data, 'base64'));
  socket.close();
} finally {
  // Chromium and its helper processes, as one process group: its profile is removed once none writes to it.
  const exited = new Promise(resolve => chromium.once('exit', resolve));
  process.kill(-chromium.pid);
  await exited;
  await sleep(500);
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
