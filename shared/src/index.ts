export * from './enums.ts';
export * from './errors.ts';
export * from './money.ts';
export * from './validations.ts';
export * from './schemas/auth.schema.ts';
export * from './realtime/rooms.ts';
export type * from './realtime/events.ts';
