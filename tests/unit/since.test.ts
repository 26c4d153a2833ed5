// Named version gates: a "from" gate holds from its version on, an "only" gate in its versions alone.
import { describe, expect, it } from "vitest";
import { GATES, since } from "../../src/platform/since.js";
import { VERSIONS } from "../../src/platform/versions.js";

describe("since", () => {
  it("a from-gate holds from its first version on", () => {
    expect(since("2.15", "mergeHistory")).toBe(false);
    expect(since("2.16", "mergeHistory")).toBe(true);
    expect(since("Unstable", "mergeHistory")).toBe(true);
    expect(since("2.16", "datetimeType")).toBe(false);
    expect(since("Unstable", "datetimeType")).toBe(true);
  });

  it("an only-gate holds in its versions alone", () => {
    expect(VERSIONS.filter((v) => since(v, "tagAppliedRequired"))).toEqual(["2.11"]);
  });

  it("every gate names versions that exist", () => {
    for (const rule of Object.values(GATES)) {
      for (const v of typeof rule === "string" ? [rule] : rule.only) expect(VERSIONS).toContain(v);
    }
  });
});
