// An operation answers a version that does not describe it as the nearest description does.
import { describe, expect, it } from "vitest";
import { describedVersion, operationFor } from "../../src/platform/operations.js";

describe("describedVersion", () => {
  it("keeps the requested version when it describes the operation", () => {
    expect(describedVersion(operationFor("GET", "/contacts/:id")!, "2.9")).toBe("2.9");
  });

  it("answers a newer operation as its first description, a removed one as its last", () => {
    expect(describedVersion(operationFor("POST", "/tickets/:ticket_id/change_type")!, "2.14")).toBe("2.16");
    expect(describedVersion(operationFor("POST", "/conversations/:id/run_assignment_rules")!, "2.16")).toBe("2.11");
    expect(describedVersion(operationFor("POST", "/contacts/bulk")!, "2.7")).toBe("Unstable");
  });
});
