/**
 * Exhaustiveness check for switches over a closed union (statuses, actions, clock effects).
 * A new member that a switch does not handle makes the call site fail to compile, which is why the
 * switches in this folder have no `default:` branch.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${String(value)}`);
}
