// The search query language: one parser, one SQL translator and one in-memory evaluator for every
// searchable model. A model declares its fields (src/search/types.ts); contacts is declared in
// src/resources/contacts/search.ts.
export { parseSearchQuery, allowedOps, CONTACT_RULES, COMPANY_RULES, INBOX_RULES, MAX_DEPTH, MAX_GROUP_SIZE, MAX_VALUES } from "./parse.js";
export { translate } from "./translate.js";
export { evaluate, matches } from "./evaluate.js";
export { envFor, parseSort, searchPage, type SortSpec, type SearchRun } from "./run.js";
export { dialectFor, foldAscii, type Dialect } from "./dialect.js";
export { dayBounds } from "./days.js";
export { resolveRelative } from "./relative.js";
export { customAttributeField, customValueType, jsonMemberJs } from "./fields.js";
export type { Field, Node, Operator, ScalarField, RelationField, QueryRefField, SearchModel, SearchQuery, ValueType, Env } from "./types.js";
export { SearchRequestBody, type SearchRequest } from "./request.js";
