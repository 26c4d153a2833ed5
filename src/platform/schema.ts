// Shared TypeBox building blocks for request schemas.
import { Type, type TSchema } from "typebox";

/** An optional field that may also be sent as null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

/** A unix timestamp in seconds. */
export const Timestamp = Type.Integer({ minimum: 0 });
