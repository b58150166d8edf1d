import type { Permission } from '@smartket/shared';
import type { Express } from 'express';

/** One route of the running app, with the permission its guard names (null: `anyActor()`). */
export interface ApiRoute {
  method: string;
  path: string;
  /** The guards found on the route: `can(…)` permissions, null for `anyActor()`. */
  guards: (Permission | null)[];
}

interface Layer {
  rawPath?: unknown;
  handle: ((...args: unknown[]) => unknown) & { stack?: Layer[]; permission?: Permission | null };
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
}

/**
 * Every route the Express app answers, read from its router stacks (Express 5 keeps each
 * layer's mount path as `rawPath`). This is how the permission matrix test finds new routes by
 * itself: nobody has to remember to add them to a list.
 */
export function listRoutes(app: Express): ApiRoute[] {
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  return walk(router.stack, '');
}

function walk(stack: Layer[], prefix: string): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const path = join(prefix, layer.route.path);
      const guards = layer.route.stack
        .map((inner) => inner.handle)
        .filter((handle) => handle.permission !== undefined)
        .map((handle) => handle.permission ?? null);
      for (const [method, enabled] of Object.entries(layer.route.methods)) {
        if (enabled && method !== '_all') {
          routes.push({ method: method.toUpperCase(), path, guards });
        }
      }
      continue;
    }
    if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
      routes.push(...walk(layer.handle.stack, join(prefix, mount)));
    }
  }
  return routes;
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
