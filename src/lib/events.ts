// Event types and their payloads: what the wall replays and what flow metrics are computed from.
// Payloads carry enough to apply the change without another read (item moves name both stages).
import type { TWorkItem } from "./schemas/item";

export type EventPayloads = {
  "service.created": { serviceId: string; key: string; name: string; stageIds: string[] };
  "item.created": { item: TWorkItem };
  "item.moved": {
    itemId: string;
    fromStageId: string;
    toStageId: string;
    version: number;
    enteredStageAt: string;
    // how long the item spent in the stage it left, for flow metrics
    msInFromStage: number;
  };
};

export type EventType = keyof EventPayloads;

export type ObeyaEvent<T extends EventType = EventType> = {
  [K in T]: {
    serviceId: string;
    seq: number;
    type: K;
    actorId: string | null;
    payload: EventPayloads[K];
    createdAt: string; // ISO 8601, UTC
  };
}[T];
