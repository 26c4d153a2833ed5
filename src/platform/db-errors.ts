// Resources recognise contract-level database errors through the platform (the rule lives with the store).
export { isUniqueViolation } from "../db/errors.js";
