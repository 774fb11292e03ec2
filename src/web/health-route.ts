// GET /healthz: 200 when the database answers and the scheduler is sweeping (here, or in another
// live process that holds the lease), 503 with the reasons otherwise. JSON for people and probes.
import type { Hono } from 'hono';
import type { RouteModule } from './server.ts';

export interface HealthReport {
  ok: boolean;
  reasons: string[];
}

export function healthRoute(check: () => Promise<HealthReport>): RouteModule {
  return (app: Hono) => {
    app.get('/healthz', async (c) => {
      const health = await check().catch((error: unknown) => ({
        ok: false,
        reasons: [`health check failed: ${error instanceof Error ? error.message : String(error)}`],
      }));
      c.header('Cache-Control', 'no-store');
      return c.json(health, health.ok ? 200 : 503);
    });
  };
}
