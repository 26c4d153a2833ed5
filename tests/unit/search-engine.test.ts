// The search engine without a database: parsing rules and limits, date normalisation, timezone days,
// parameterised SQL on both dialects, and a model with other rules (as conversations will declare).
import { describe, expect, it } from "vitest";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from "kysely";
import { ApiError } from "../../src/platform/errors.js";
import { dayBounds } from "../../src/search/days.js";
import { dialectFor } from "../../src/search/dialect.js";
import { evaluate } from "../../src/search/evaluate.js";
import { CONTACT_RULES, INBOX_RULES, MAX_GROUP_SIZE, parseSearchQuery } from "../../src/search/parse.js";
import { prefixUpperBound, translate } from "../../src/search/translate.js";
import type { Field, Operator, ScalarField, SearchModel, ValueType } from "../../src/search/types.js";

const col = (name: string, type: ValueType, extra: Partial<ScalarField> = {}): ScalarField => ({
  kind: "scalar",
  name,
  type,
  days: "workspace",
  sql: () => sql.ref(`t.${name}`),
  js: (r: Record<string, unknown>) => r[name],
  ...extra,
});

function model(fields: Field[], opts: { timezone?: string; rules?: SearchModel["rules"] } = {}): SearchModel {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return { name: "things", field: (n) => byName.get(n), rules: opts.rules ?? CONTACT_RULES, timezone: opts.timezone ?? "UTC" };
}

const M = model([col("title", "string"), col("code", "string", { exact: true }), col("n", "integer"), col("x", "float"), col("ok", "boolean"), col("at", "date"), col("ts", "datetime")]);

function error(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

const f = (field: string, operator: string, value: unknown) => ({ field, operator, value });

describe("parsing", () => {
  it("accepts a single filter and nested groups two levels deep", () => {
    expect(parseSearchQuery(f("title", "=", "A"), M).root).toMatchObject({ t: "eq", v: "a" });
    const q = parseSearchQuery({ operator: "AND", value: [{ operator: "OR", value: [f("n", ">", 1), f("n", "<", 0)] }, f("ok", "=", true)] }, M);
    expect(q.root).toMatchObject({ t: "and", nodes: [{ t: "or" }, { t: "eq", v: 1 }] });
  });

  it("refuses a third level, a 16th filter, an empty group", () => {
    const deep = { operator: "AND", value: [{ operator: "OR", value: [{ operator: "AND", value: [f("n", "=", 1)] }] }] };
    expect(error(() => parseSearchQuery(deep, M))).toMatchObject({ status: 400, code: "parameter_invalid", field: "query.value[0].value[0]" });
    const wide = { operator: "OR", value: Array.from({ length: MAX_GROUP_SIZE + 1 }, (_, i) => f("n", "=", i)) };
    expect(error(() => parseSearchQuery(wide, M))).toMatchObject({ code: "parameter_invalid", field: "query.value" });
    expect(parseSearchQuery({ operator: "OR", value: Array.from({ length: MAX_GROUP_SIZE }, (_, i) => f("n", "=", i)) }, M).root).toMatchObject({ t: "or" });
    expect(error(() => parseSearchQuery({ operator: "AND", value: [] }, M)).field).toBe("query.value");
  });

  it("checks operators by type", () => {
    const accepted: Record<string, Operator[]> = {
      title: ["=", "!=", "IN", "NIN", "~", "!~", "^", "$"],
      n: ["=", "!=", "IN", "NIN", "<", ">", "<=", ">="],
      ok: ["=", "!=", "IN", "NIN"],
      at: ["=", "<", ">"],
      ts: ["=", "!=", "<", ">", "<=", ">="],
    };
    const sample: Record<string, unknown> = { title: "a", n: 1, ok: true, at: 1700000000, ts: 1700000000 };
    for (const [field, ops] of Object.entries(accepted)) {
      for (const op of ["=", "!=", "IN", "NIN", "<", "<=", ">", ">=", "~", "!~", "^", "$"] as Operator[]) {
        const value = op === "IN" || op === "NIN" ? [sample[field]] : sample[field];
        if (ops.includes(op)) expect(() => parseSearchQuery(f(field, op, value), M), `${field} ${op}`).not.toThrow();
        else expect(error(() => parseSearchQuery(f(field, op, value), M)), `${field} ${op}`).toMatchObject({ code: "parameter_invalid", field: "query.operator" });
      }
    }
  });

  it("normalises negations to NOT of the positive form", () => {
    expect(parseSearchQuery(f("title", "!=", "x"), M).root).toEqual({ t: "not", node: expect.objectContaining({ t: "eq", v: "x" }) });
    expect(parseSearchQuery(f("title", "!~", "X"), M).root).toEqual({ t: "not", node: expect.objectContaining({ t: "str", mode: "contains", v: "x" }) });
    expect(parseSearchQuery(f("n", "NIN", [1, 2, 2]), M).root).toEqual({ t: "not", node: expect.objectContaining({ t: "in", vs: [1, 2] }) });
    expect(parseSearchQuery(f("n", "IN", []), M).root).toEqual({ t: "const", value: false });
    expect(parseSearchQuery(f("n", "NIN", []), M).root).toEqual({ t: "const", value: true });
  });

  it("folds only ASCII letters, and leaves exact fields alone", () => {
    expect(parseSearchQuery(f("title", "=", "ÉcoLE"), M).root).toMatchObject({ v: "École" });
    expect(parseSearchQuery(f("code", "=", "AbC"), M).root).toMatchObject({ v: "AbC" });
  });

  it("turns date operators into day ranges of the model's timezone", () => {
    const jan15 = 1705276800; // 2024-01-15 00:00 UTC
    const noon = jan15 + 12 * 3600;
    const cmp = (op: string, v: number) => ({ t: "cmp", op, v, f: expect.anything() });
    expect(parseSearchQuery(f("at", "=", noon), M).root).toEqual({ t: "and", nodes: [cmp(">=", jan15), cmp("<", jan15 + 86400)] });
    expect(parseSearchQuery(f("at", ">", noon), M).root).toEqual(cmp(">=", jan15 + 86400));
    expect(parseSearchQuery(f("at", "<", String(noon)), M).root).toEqual(cmp("<", jan15));
    const ny = model([col("at", "date")], { timezone: "America/New_York" });
    expect(parseSearchQuery(f("at", "=", noon), ny).root).toEqual({ t: "and", nodes: [cmp(">=", jan15 + 5 * 3600), cmp("<", jan15 + 29 * 3600)] });
    const utcDays = model([col("at", "date", { days: "utc" })], { timezone: "America/New_York" });
    expect(parseSearchQuery(f("at", ">", noon), utcDays).root).toEqual(cmp(">=", jan15 + 86400));
    // datetime: the exact second
    expect(parseSearchQuery(f("ts", ">", noon), M).root).toEqual(cmp(">", noon));
  });

  it("names bad values with their place", () => {
    expect(error(() => parseSearchQuery({ operator: "AND", value: [f("n", "=", 1), f("n", "=", "one")] }, M))).toMatchObject({ code: "parameter_invalid", field: "query.value[1].value" });
    expect(error(() => parseSearchQuery(f("at", "=", "2024-01-15"), M)).message).toContain("UNIX timestamp");
    expect(error(() => parseSearchQuery(f("x", ">", "NaN"), M)).field).toBe("query.value");
    expect(error(() => parseSearchQuery(f("ok", "=", 1), M)).field).toBe("query.value");
    expect(error(() => parseSearchQuery(f("n", "=", 2 ** 60), M)).field).toBe("query.value");
    expect(error(() => parseSearchQuery(f("nope", "=", 1), M))).toMatchObject({ code: "invalid_field", message: "nope is not a valid search field" });
    expect(error(() => parseSearchQuery(f("n", "IN", [1, "two", 3]), M)).field).toBe("query.value[1]");
    expect(error(() => parseSearchQuery(f("n", "NIN", [1, [2]]), M)).field).toBe("query.value[1]");
    expect(error(() => parseSearchQuery({ field: "n", operator: "AND", value: [] }, M))).toMatchObject({ field: "query.field" });
  });
});

describe("days in a timezone", () => {
  it("are 24 hours in UTC", () => {
    expect(dayBounds(1705330800, "UTC")).toEqual([1705276800, 1705363200]);
  });
  it("are 23 hours when DST starts (New York, 2024-03-10)", () => {
    const [start, end] = dayBounds(Date.UTC(2024, 2, 10, 12) / 1000, "America/New_York");
    expect(start).toBe(Date.UTC(2024, 2, 10, 5) / 1000);
    expect(end - start).toBe(23 * 3600);
  });
  it("start at 01:00 where midnight is skipped (Santiago, 2022-09-11)", () => {
    const [start, end] = dayBounds(Date.UTC(2022, 8, 11, 15) / 1000, "America/Santiago");
    expect(start).toBe(Date.UTC(2022, 8, 11, 4) / 1000); // 01:00 at UTC-3
    expect(end).toBe(Date.UTC(2022, 8, 12, 3) / 1000);
  });
  it("follow quarter-hour offsets (Chatham, UTC+13:45 in January)", () => {
    const [start] = dayBounds(Date.UTC(2024, 0, 15, 0) / 1000, "Pacific/Chatham");
    expect(start).toBe(Date.UTC(2024, 0, 14, 10, 15) / 1000);
  });
  it("fall back to UTC for an unknown zone name", () => {
    const m = model([col("at", "date")], { timezone: "Mars/Olympus_Mons" });
    expect(parseSearchQuery(f("at", "<", 1705330800), m).root).toMatchObject({ v: 1705276800 });
  });
});

const compilers = {
  sqlite: new Kysely<any>({ dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() } }),
  postgres: new Kysely<any>({ dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler() } }),
};

describe("SQL", () => {
  for (const kind of ["sqlite", "postgres"] as const) {
    it(`binds every value as a parameter (${kind})`, () => {
      const nasty = "'); drop table contacts; --";
      const q = parseSearchQuery(
        { operator: "OR", value: [f("title", "~", nasty), f("code", "IN", [nasty, "b"]), f("title", "^", nasty), f("title", "$", nasty), f("n", ">", 3)] },
        M,
      );
      const compiled = compilers[kind].selectFrom("t").selectAll().where(translate(q.root, { d: dialectFor(kind), wsId: "w" })).compile();
      expect(compiled.sql).not.toContain("drop table");
      expect(compiled.parameters).toContain(nasty.toLowerCase());
      expect(compiled.parameters).toContain(nasty);
    });
  }

  it("bounds a prefix for an index range", () => {
    expect(prefixUpperBound("abc")).toBe("abd");
    expect(prefixUpperBound("a\u{10FFFF}")).toBe("b");
    expect(prefixUpperBound("\u{10FFFF}")).toBeNull();
    expect(prefixUpperBound("a\uD7FF")).toBe("a\uE000");
  });
});

describe("another model's rules", () => {
  // conversations accept IN / NIN and != on every type, dates included
  const conversations = model([col("state", "string"), col("waiting_since", "date"), col("open", "boolean")], { rules: INBOX_RULES });
  const rows = [
    { id: 1, state: "open", waiting_since: 1705330800, open: 1 },
    { id: 2, state: "snoozed", waiting_since: 1705417200, open: 1 },
    { id: 3, state: "closed", waiting_since: null, open: 0 },
  ];
  const run = (q: unknown) => rows.filter((r) => evaluate(parseSearchQuery(q, conversations).root, r)).map((r) => r.id);

  it("evaluates dates in lists and their negations day by day", () => {
    expect(run(f("waiting_since", "IN", [1705276800, 1705500000]))).toEqual([1]);
    expect(run(f("waiting_since", "NIN", [1705276800]))).toEqual([2, 3]);
    expect(run(f("waiting_since", "!=", 1705420000))).toEqual([1, 3]);
  });
  it("combines groups", () => {
    expect(run({ operator: "OR", value: [f("state", "^", "SN"), { operator: "AND", value: [f("open", "=", false), f("waiting_since", "=", null)] }] })).toEqual([2, 3]);
  });
});
