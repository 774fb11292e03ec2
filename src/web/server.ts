// The bot's HTTP server (Hono on Node): /healthz and /metrics today, the office web console
// later. Each feature is a route module mounted on one app, so the console adds its pages the
// same way without touching the server.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';

/** Mounts one feature's routes (health, metrics, later the console's pages) on the app. */
export type RouteModule = (app: Hono) => void;

export function createWebApp(modules: readonly RouteModule[]): Hono {
  const app = new Hono();
  for (const mount of modules) mount(app);
  app.notFound((c) => c.text('Không tìm thấy (404).', 404));
  return app;
}

export interface RunningWebServer {
  /** `http://127.0.0.1:43117`: the address actually bound (WEB_PORT=0 picks a free port). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The port is taken: a person must choose another WEB_PORT or stop what holds it. */
export class WebPortInUseError extends Error {
  constructor(host: string, port: number) {
    super(
      `Cổng ${port} trên ${host} đang được một chương trình khác dùng (EADDRINUSE). ` +
        `Đặt WEB_PORT khác trong .env, hoặc dừng chương trình đang giữ cổng (ví dụ: ss -ltnp 'sport = :${port}').`,
    );
    this.name = 'WebPortInUseError';
  }
}

export function startWebServer(app: Hono, { host, port }: { host: string; port: number }): Promise<RunningWebServer> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new WebPortInUseError(host, port) : error);
    });
    server.listen(port, host, () => {
      const bound = server.address() as AddressInfo;
      const shownHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
      resolve({
        url: `http://${shownHost}:${bound.port}`,
        port: bound.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
