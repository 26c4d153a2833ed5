// Table types of the inbox area (see src/db/types.ts: DB extends every area's tables).
export interface InboxTables {}
