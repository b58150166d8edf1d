/**
 * Room names are built only here, and only the server puts a socket in a room:
 * a client never names one.
 */
export const rooms = {
  tenant: (tenantId: string) => `t:${tenantId}`,
  branch: (tenantId: string, branchId: string) => `t:${tenantId}:b:${branchId}`,
  kitchen: (tenantId: string, branchId: string) => `t:${tenantId}:b:${branchId}:kitchen`,
  station: (tenantId: string, branchId: string, stationId: string) =>
    `t:${tenantId}:b:${branchId}:station:${stationId}`,
  /** Every socket opened with one session: lets the server end them all at logout. */
  session: (sessionId: string) => `s:${sessionId}`,
  /** Every socket of one paired device: lets the server disconnect it when it is revoked. */
  device: (tenantId: string, deviceId: string) => `t:${tenantId}:d:${deviceId}`,
  /** Every socket of one staff sign-in on a device. */
  staffSession: (tenantId: string, staffSessionId: string) => `t:${tenantId}:ss:${staffSessionId}`,
} as const;
