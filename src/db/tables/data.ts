// Table types of the data area (see src/db/types.ts: DB extends every area's tables).
export interface DataTables {}
