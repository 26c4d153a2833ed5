// Request shapes of POST /custom_object_instances/{type} and opencom's POST /_opencom/custom_object_types
// (src/resources/opencom/custom-object-types.ts): the routes validate with them, the service is typed by them.
import { Type, type Static } from "typebox";

// Leniency: the description types custom attribute values as strings, but its own examples send
// numbers (`"total_amount": 99.99`), as the SDKs' users do: numbers, booleans (and null, which removes
// an attribute on update) are accepted too.
export const InstanceBody = Type.Object({
  external_id: Type.Optional(Type.String({ maxLength: 255 })),
  external_created_at: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  external_updated_at: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  custom_attributes: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 255 }), Type.Number(), Type.Boolean(), Type.Null()])), Type.Null()])),
});
export type InstanceInput = Static<typeof InstanceBody>;

const TypeAttribute = Type.Object({
  name: Type.String({ maxLength: 190 }),
  data_type: Type.Optional(Type.String({ maxLength: 64 })),
  description: Type.Optional(Type.String({ maxLength: 255 })),
});
export const TypeBody = Type.Object({
  identifier: Type.String({ maxLength: 64 }),
  name: Type.Optional(Type.String({ maxLength: 255 })),
  description: Type.Optional(Type.String({ maxLength: 255 })),
  attributes: Type.Optional(Type.Array(TypeAttribute, { maxItems: 100 })),
});
export type TypeInput = Static<typeof TypeBody>;
