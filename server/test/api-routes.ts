import { PERMISSIONS, type Permission } from '@smartket/shared';
import type { Express } from 'express';

/** One route of the running app, with the permission its guard names (null: `anyActor()`). */
export interface ApiRoute {
  method: string;
  path: string;
  /** The guards found on the route: `can(…)` permissions, null for `anyActor()`. */
  guards: (Permission | null)[];
}

type Layer = Express['router']['stack'][number];

/**
 * Every route the Express app answers, read from its router stacks (Express 5 keeps each
 * layer's mount path as `rawPath`, which its type declarations do not list). This is how the
 * permission matrix test finds new routes by itself: nobody has to remember to add them to a list.
 */
export function listRoutes(app: Express): ApiRoute[] {
  return walk(app.router.stack, '');
}

function walk(stack: readonly Layer[], prefix: string): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const path = join(prefix, layer.route.path);
      const guards = layer.route.stack.flatMap((inner) => guardOf(inner.handle));
      for (const method of methodsOf(layer.route)) {
        routes.push({ method, path, guards });
      }
      continue;
    }
    const nested = nestedStack(layer.handle);
    if (nested) {
      routes.push(...walk(nested, join(prefix, mountPath(layer))));
    }
  }
  return routes;
}

/** The permission a `can()` or `anyActor()` guard carries; nothing for other middleware. */
function guardOf(handle: Layer['handle']): (Permission | null)[] {
  if (!('permission' in handle)) {
    return [];
  }
  if (handle.permission === null) {
    return [null];
  }
  const permission = PERMISSIONS.find((known) => known === handle.permission);
  if (!permission) {
    throw new Error(`a guard names an unknown permission: ${JSON.stringify(handle.permission)}`);
  }
  return [permission];
}

/** The HTTP methods a route answers, upper case (Express keeps them as `methods: { get: true }`). */
function methodsOf(route: object): string[] {
  if (!('methods' in route) || typeof route.methods !== 'object' || route.methods === null) {
    return [];
  }
  return Object.entries(route.methods)
    .filter(([method, enabled]) => enabled === true && method !== '_all')
    .map(([method]) => method.toUpperCase());
}

/** A mounted router's own layers. */
function nestedStack(handle: Layer['handle']): Layer[] | undefined {
  return 'stack' in handle && Array.isArray(handle.stack) ? handle.stack.filter(isLayer) : undefined;
}

function isLayer(value: unknown): value is Layer {
  return (
    typeof value === 'object' && value !== null && 'handle' in value && typeof value.handle === 'function'
  );
}

function mountPath(layer: Layer): string {
  return 'rawPath' in layer && typeof layer.rawPath === 'string' ? layer.rawPath : '';
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
