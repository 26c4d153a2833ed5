// An in-process bus of state changes for live views (the console's server-sent events): every webhook
// emission is also published here. It sees the changes made by this process only.
import { EventEmitter } from "node:events";

export interface LiveEvent {
  workspaceId: string;
  topic: string;
  /** the changed object's type and id, when it has them */
  type?: string;
  id?: string;
}

const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publishLive(event: LiveEvent): void {
  bus.emit("change", event);
}

/** Calls fn for every change in the workspace; returns the unsubscribe function. */
export function subscribeLive(workspaceId: string, fn: (e: LiveEvent) => void): () => void {
  const listener = (e: LiveEvent) => {
    if (e.workspaceId === workspaceId) fn(e);
  };
  bus.on("change", listener);
  return () => bus.off("change", listener);
}
