/**
 * Copies onto `target` the listed fields that `patch` sets (is not undefined): the PATCH body →
 * entity step, for fields stored as they are sent. Fields needing a rule are assigned by hand.
 */
export function assignDefined<Target extends object, Key extends keyof Target>(
  target: Target,
  patch: { readonly [K in NoInfer<Key>]?: Target[K] },
  keys: readonly Key[],
): void {
  for (const key of keys) {
    const value = patch[key];
    if (value !== undefined) {
      target[key] = value;
    }
  }
}
