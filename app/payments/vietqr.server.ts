import QRCode from "qrcode";
import { isValidBankBin, transferNote, vietQrPayload } from "~/domain/vietqr";
import { bankByBin } from "./banks";

export type VietQr = {
  payload: string;
  dataUrl: string;
  /** the transfer content as the QR carries it (ASCII, what the buyer types if they cannot scan) */
  reference: string;
  amountVnd: number;
  bankBin: string;
  bankName: string;
  bankFullName: string | null;
  account: string;
  accountName: string | null;
};

type PayoutStall = {
  bankBin: string | null;
  bankAccount: string | null;
  bankAccountName: string | null;
  payoutHoldSince: Date | null;
};

/** The payload for one stall order, or null when the stall cannot take a transfer now. */
export function vietQrPayloadFor(order: { number: string; totalVnd: number }, stall: PayoutStall) {
  if (!stall.bankBin || !stall.bankAccount || !isValidBankBin(stall.bankBin)) return null;
  // a payout account changed and not yet re-confirmed takes no money (decision 0041)
  if (stall.payoutHoldSince) return null;
  return vietQrPayload({
    bankBin: stall.bankBin,
    accountNumber: stall.bankAccount,
    amountVnd: order.totalVnd,
    note: order.number,
  });
}

/** One QR per stall order: each stall is paid into its own account, with the order number as the transfer note. */
export async function vietQrFor(
  order: { number: string; totalVnd: number },
  stall: PayoutStall,
): Promise<VietQr | null> {
  const payload = vietQrPayloadFor(order, stall);
  if (!payload || !stall.bankBin || !stall.bankAccount) return null;
  const dataUrl = await QRCode.toDataURL(payload, {
    errorCorrectionLevel: "M",
    margin: 4,
    width: 320,
  });
  const bank = bankByBin(stall.bankBin);
  return {
    payload,
    dataUrl,
    reference: transferNote(order.number),
    amountVnd: order.totalVnd,
    bankBin: stall.bankBin,
    bankName: bank?.shortName ?? stall.bankBin,
    bankFullName: bank?.name ?? null,
    account: stall.bankAccount,
    accountName: stall.bankAccountName,
  };
}

/** The same QR as a PNG file, for "save the QR image" (a banking app opens it from the gallery). */
export function vietQrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, {
    type: "png",
    errorCorrectionLevel: "M",
    margin: 4,
    width: 640,
  });
}
