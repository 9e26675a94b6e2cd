// Typed message keys for the campaign's and the ledger's states (no casts in pages).
import type { HarvestKey } from "./strings";

const STATUS: Record<string, HarvestKey> = {
  DRAFT: "harvest.status.DRAFT",
  OPEN: "harvest.status.OPEN",
  PAUSED: "harvest.status.PAUSED",
  CLOSED: "harvest.status.CLOSED",
  CANCELLED: "harvest.status.CANCELLED",
};

export function statusKey(status: string): HarvestKey {
  return STATUS[status] ?? "harvest.status.DRAFT";
}

const REASON: Record<string, HarvestKey> = {
  GRADED_DOWN: "harvest.pick.reason.GRADED_DOWN",
  PICKED_LESS: "harvest.pick.reason.PICKED_LESS",
  OTHER: "harvest.pick.reason.OTHER",
};

export function reasonKey(reason: string): HarvestKey {
  return REASON[reason] ?? "harvest.pick.reason.OTHER";
}

export function entryKindKey(kind: string): HarvestKey {
  return kind === "REALLOCATE" ? "board.ledger.kind.REALLOCATE" : "board.ledger.kind.ALLOCATE";
}
