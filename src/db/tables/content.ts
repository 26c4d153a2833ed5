// Table types of the content area (see src/db/types.ts: DB extends every area's tables).
export interface ContentTables {}
