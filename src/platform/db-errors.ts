// Resources recognise contract-level database errors through the platform (the rules live with the store).
export { isForeignKeyViolation, isOverload, isTransactionConflict, isUniqueViolation } from "../db/errors.js";
