/** What asking the server again about the plan found: unlocked, still locked, or no answer. */
export type RecheckOutcome = 'unlocked' | 'locked' | 'failed';
