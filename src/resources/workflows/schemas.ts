// Request shape of opencom's POST /_opencom/workflows: the route validates with it, the service is typed by it.
import { Type, type Static } from "typebox";

/** The most JSON one of targeting, snapshot, attributes or embedded_rules may hold (serialised). */
export const MAX_WORKFLOW_JSON = 256 * 1024;

export const WORKFLOW_STATES = ["live", "draft", "paused"] as const;

const Names = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 });
const Obj = Type.Object({}, { additionalProperties: true });

export const WorkflowBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 255 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
    trigger_type: Type.String({ minLength: 1, maxLength: 100 }),
    state: Type.Optional(Type.Union(WORKFLOW_STATES.map((s) => Type.Literal(s)))),
    target_channels: Type.Optional(Names),
    preferred_devices: Type.Optional(Names),
    targeting: Type.Optional(Type.Union([Obj, Type.Null()])),
    snapshot: Type.Optional(Type.Union([Obj, Type.Null()])),
    attributes: Type.Optional(Type.Array(Obj, { maxItems: 1000 })),
    embedded_rules: Type.Optional(Type.Array(Obj, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);
export type WorkflowInput = Static<typeof WorkflowBody>;
