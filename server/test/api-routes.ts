import { PERMISSIONS, type Permission } from '@smartket/shared';
import type { Express } from 'express';

/** One route of the running app, with the permissions its guard names (null: `anyActor()`). */
export interface ApiRoute {
  method: string;
  path: string;
  /**
   * The guards found on the route: the permissions of a `can(…)` or `canAny(…)` (the role needs
   * one of them), null for `anyActor()`.
   */
  guards: (readonly Permission[] | null)[];
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

/** The permissions a `can()` or `canAny()` guard carries, null for `anyActor()`; nothing for other middleware. */
function guardOf(handle: Layer['handle']): (readonly Permission[] | null)[] {
  if (!('permissions' in handle)) {
    return [];
  }
  if (handle.permissions === null) {
    return [null];
  }
  if (!Array.isArray(handle.permissions)) {
    throw new Error(`a guard without its list of permissions: ${JSON.stringify(handle.permissions)}`);
  }
  const named: unknown[] = handle.permissions;
  const permissions = named.map((name) => {
    const permission = PERMISSIONS.find((known) => known === name);
    if (!permission) {
      throw new Error(`a guard names an unknown permission: ${JSON.stringify(name)}`);
    }
    return permission;
  });
  return [permissions];
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
